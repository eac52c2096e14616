package com.acalsa.dbcloner.restore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.Identifiers;
import com.acalsa.dbcloner.mysql.TableColumn;
import com.acalsa.dbcloner.snapshot.Manifest;
import com.acalsa.dbcloner.snapshot.RowFileReader;
import com.mysql.cj.jdbc.JdbcStatement;

/**
 * Loads one row file into its table with {@code LOAD DATA LOCAL INFILE}, streaming the
 * decompressed file to the server through Connector/J's local-infile input stream: the
 * file is never unpacked on disk nor held in memory. {@code CHARACTER SET binary} stores
 * the bytes as they were backed up. Because LOAD DATA LOCAL turns errors such as
 * duplicate keys and truncation into warnings (MySQL manual, "LOAD DATA Statement",
 * duplicate-key handling), any warning or a row count other than the manifest's fails the
 * restore.
 */
final class LoadDataLoader implements ChunkLoader {

	@Override
	public long load(Connection connection, String database, Manifest.TableEntry table, Manifest.Chunk chunk, Path file)
			throws SQLException, IOException {
		try (Statement statement = connection.createStatement();
				InputStream rows = RowFileReader.openDecompressed(file)) {
			statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(rows);
			long loaded = statement.executeLargeUpdate(loadDataSql(database, table));
			SQLWarning warning = statement.getWarnings();
			if (warning != null) {
				throw new ClonerException(RefBc.ERROR_RESTORE_BACKUP, "the server changed rows of table `"
						+ table.name() + "` (" + chunk.range() + ") while loading them: " + warning.getMessage());
			}
			return loaded;
		}
	}

	/**
	 * MySQL refuses a JSON value in the binary character set, so JSON columns go through
	 * a user variable and a conversion to utf8mb4; every other column receives its bytes
	 * directly.
	 */
	static String loadDataSql(String database, Manifest.TableEntry table) {
		List<String> targets = new ArrayList<>();
		List<String> conversions = new ArrayList<>();
		for (int i = 0; i < table.columns().size(); i++) {
			TableColumn column = table.columns().get(i);
			if (column.isJson()) {
				targets.add("@json" + i);
				conversions.add(Identifiers.quote(column.name()) + " = CONVERT(@json" + i + " USING utf8mb4)");
			}
			else {
				targets.add(Identifiers.quote(column.name()));
			}
		}
		String sql = "LOAD DATA LOCAL INFILE 'db-cloner-rows' INTO TABLE " + Identifiers.qualify(database, table.name())
				+ " CHARACTER SET binary FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
				+ String.join(", ", targets) + ")";
		return conversions.isEmpty() ? sql : sql + " SET " + conversions.stream().collect(Collectors.joining(", "));
	}

}
