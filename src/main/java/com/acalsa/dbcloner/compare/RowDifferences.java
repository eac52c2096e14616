package com.acalsa.dbcloner.compare;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

import com.acalsa.dbcloner.snapshot.Manifest;

/**
 * Compares a snapshot row with a clone row and, when they differ, says where in words: the key of the first
 * differing row and the first differing column. Values are not quoted beyond the key, which the operator needs.
 */
final class RowDifferences {

	private static final int MAX_KEY_TEXT = 200;

	private RowDifferences() {
	}

	/** {@code null} when equal, otherwise a description naming the table, the key and the column. */
	static String describe(Manifest.TableEntry table, byte[][] snapshot, byte[][] clone) {
		if (snapshot == null) {
			return "table `" + table.name() + "`: the clone has a row that the snapshot does not, at key "
					+ key(table, clone);
		}
		if (clone == null) {
			return "table `" + table.name() + "`: the row at key " + key(table, snapshot)
					+ " is missing from the clone";
		}
		for (int i = 0; i < snapshot.length; i++) {
			if (!Arrays.equals(snapshot[i], clone[i])) {
				return "table `" + table.name() + "`: the row at key " + key(table, snapshot)
						+ " differs in column `" + table.columns().get(i).name() + "`";
			}
		}
		return null;
	}

	static String key(Manifest.TableEntry table, byte[][] row) {
		List<String> columns = table.shape().columnNames();
		List<String> keyColumns = table.keyColumns().isEmpty() ? columns : table.keyColumns();
		StringJoiner key = new StringJoiner(", ", "(", ")");
		for (String column : keyColumns) {
			byte[] value = row[columns.indexOf(column)];
			key.add(column + "=" + ((value != null) ? new String(value, StandardCharsets.UTF_8) : "NULL"));
		}
		String text = key.toString();
		return (text.length() > MAX_KEY_TEXT) ? text.substring(0, MAX_KEY_TEXT) + "…)" : text;
	}

}
