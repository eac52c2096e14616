package com.acalsa.dbcloner.compare;

import java.util.Arrays;

import com.acalsa.dbcloner.mysql.TableShape;

/**
 * Compares a snapshot row with a clone row and, when they differ, says where in words:
 * the key of the first differing row and the first differing column. Values are not
 * quoted beyond the key, which the operator needs.
 */
final class RowDifferences {

	private RowDifferences() {
	}

	/**
	 * {@code null} when equal, otherwise a description naming the table, the key and the
	 * column.
	 */
	static String describe(TableShape table, byte[][] snapshot, byte[][] clone) {
		if (snapshot == null) {
			return "table `" + table.name() + "`: the clone has a row that the snapshot does not, at key "
					+ table.describeKey(clone);
		}
		if (clone == null) {
			return "table `" + table.name() + "`: the row at key " + table.describeKey(snapshot)
					+ " is missing from the clone";
		}
		for (int i = 0; i < snapshot.length; i++) {
			if (!Arrays.equals(snapshot[i], clone[i])) {
				return "table `" + table.name() + "`: the row at key " + table.describeKey(snapshot)
						+ " differs in column `" + table.columns().get(i).name() + "`";
			}
		}
		return null;
	}

}
