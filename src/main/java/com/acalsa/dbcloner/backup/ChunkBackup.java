package com.acalsa.dbcloner.backup;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.acalsa.dbcloner.mysql.Identifiers;
import com.acalsa.dbcloner.mysql.KeyRange;
import com.acalsa.dbcloner.mysql.RowDigest;
import com.acalsa.dbcloner.mysql.TableShape;
import com.acalsa.dbcloner.snapshot.Manifest;
import com.acalsa.dbcloner.snapshot.RowFileWriter;

/**
 * Backs up one key range of a table on a snapshot connection: rows streamed from the
 * server one at a time (Connector/J streams a result set whose fetch size is
 * {@code Integer.MIN_VALUE}) straight into a compressed row file, and digested on the
 * way, so that no table is ever held in memory.
 */
final class ChunkBackup {

	/**
	 * An estimate, which is all a plan needs (MySQL manual, "The INFORMATION_SCHEMA
	 * TABLES Table").
	 */
	private static final String SQL_ESTIMATED_ROWS = "SELECT TABLE_ROWS FROM information_schema.TABLES "
			+ "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";

	private ChunkBackup() {
	}

	/**
	 * Cuts a table into ranges of about {@code chunkRows} rows by its integer split
	 * column, from the column's smallest and largest value in the snapshot and the
	 * table's estimated row count (an estimate is enough: a range with gaps is merely
	 * smaller). The first and last ranges are open, so every row falls in one.
	 */
	static List<KeyRange> plan(Connection connection, String database, TableShape table, long chunkRows)
			throws SQLException {
		if (table.splitColumn().isEmpty()) {
			return List.of(KeyRange.ALL);
		}
		String column = Identifiers.quote(table.splitColumn().get());
		String sql = "SELECT MIN(" + column + "), MAX(" + column + "), (" + SQL_ESTIMATED_ROWS + ") FROM "
				+ Identifiers.qualify(database, table.name());
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, database);
			statement.setString(2, table.name());
			ResultSet rs = statement.executeQuery();
			rs.next();
			if (rs.getString(1) == null) {
				return List.of(KeyRange.ALL);
			}
			BigInteger min = new BigInteger(rs.getString(1));
			BigInteger max = new BigInteger(rs.getString(2));
			long estimated = Math.max(1, rs.getLong(3));
			long ranges = Math.max(1, Math.min(estimated / chunkRows + 1, 10_000));
			BigInteger width = max.subtract(min).divide(BigInteger.valueOf(ranges)).add(BigInteger.ONE);
			List<KeyRange> plan = new ArrayList<>();
			BigInteger lower = null;
			for (BigInteger bound = min.add(width); bound.compareTo(max) <= 0; bound = bound.add(width)) {
				plan.add(new KeyRange(lower, bound));
				lower = bound;
			}
			plan.add(new KeyRange(lower, null));
			return plan;
		}
	}

	static Manifest.Chunk backUp(Connection connection, String database, TableShape table, KeyRange range, Path file,
			int compressionLevel) throws SQLException, IOException {
		RowDigest digest = new RowDigest(table.columns());
		long largestRow = 0;
		String largestRowKey = "";
		try (RowFileWriter writer = new RowFileWriter(file, compressionLevel, table.columns());
				Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
						ResultSet.CONCUR_READ_ONLY)) {
			statement.setFetchSize(Integer.MIN_VALUE);
			try (ResultSet rs = statement.executeQuery(table.selectRows(database, range))) {
				int width = table.columns().size();
				while (rs.next()) {
					byte[][] row = new byte[width][];
					for (int i = 0; i < width; i++) {
						row[i] = rs.getBytes(i + 1);
					}
					long size = writer.write(row);
					digest.add(row);
					if (size > largestRow) {
						largestRow = size;
						largestRowKey = table.describeKey(row);
					}
				}
			}
			writer.close();
			return new Manifest.Chunk(file.getFileName().toString(), range, writer.rows(), writer.size(),
					writer.crc32c(), digest.value(), largestRow, largestRowKey);
		}
	}

}
