package com.acalsa.dbcloner.restore;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Types;
import java.util.stream.Collectors;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.Identifiers;
import com.acalsa.dbcloner.mysql.TableColumn;
import com.acalsa.dbcloner.snapshot.Manifest;
import com.acalsa.dbcloner.snapshot.RowFileReader;

/**
 * Loads a row file with batched INSERTs, for targets where {@code local_infile} is OFF
 * (MySQL 8's default). Connector/J rewrites each batch into multi-row INSERTs
 * ({@code rewriteBatchedStatements}) and cuts them to the server's
 * {@code max_allowed_packet}; a batch is sent once it holds {@value #BATCH_ROWS} rows or
 * a quarter of that limit in bytes, so memory stays bounded whatever the rows' size.
 * Values are bound as the bytes the backup holds (binary strings, which the server stores
 * in each column's own character set unchanged), JSON through a utf8mb4 conversion as
 * with LOAD DATA.
 */
final class InsertLoader implements ChunkLoader {

	private static final int BATCH_ROWS = 1000;

	private final long batchBytes;

	InsertLoader(long maxAllowedPacket) {
		this.batchBytes = Math.max(1, maxAllowedPacket / 4);
	}

	@Override
	public long load(Connection connection, String database, Manifest.TableEntry table, Manifest.Chunk chunk, Path file)
			throws SQLException, IOException {
		long loaded = 0;
		// one transaction per range: a range that fails leaves nothing behind and can be
		// loaded again
		connection.setAutoCommit(false);
		try (PreparedStatement insert = connection.prepareStatement(insertSql(database, table));
				RowFileReader rows = new RowFileReader(file)) {
			int pending = 0;
			long pendingBytes = 0;
			for (byte[][] row = rows.read(); row != null; row = rows.read()) {
				for (int i = 0; i < row.length; i++) {
					if (row[i] == null) {
						insert.setNull(i + 1, Types.VARBINARY);
					}
					else {
						insert.setBytes(i + 1, row[i]);
						pendingBytes += row[i].length;
					}
				}
				insert.addBatch();
				pending++;
				if (pending == BATCH_ROWS || pendingBytes >= this.batchBytes) {
					loaded += flush(insert, table, chunk);
					pending = 0;
					pendingBytes = 0;
				}
			}
			loaded += flush(insert, table, chunk);
			connection.commit();
		}
		catch (SQLException | IOException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
		return loaded;
	}

	private static long flush(PreparedStatement insert, Manifest.TableEntry table, Manifest.Chunk chunk)
			throws SQLException {
		long inserted = 0;
		for (long count : insert.executeLargeBatch()) {
			// a rewritten multi-row INSERT reports SUCCESS_NO_INFO for each of its rows
			inserted += (count == PreparedStatement.SUCCESS_NO_INFO) ? 1 : count;
		}
		SQLWarning warning = insert.getWarnings();
		if (warning != null) {
			throw new ClonerException(RefBc.ERROR_RESTORE_BACKUP, "the server changed rows of table `" + table.name()
					+ "` (" + chunk.range() + ") while loading them: " + warning.getMessage());
		}
		insert.clearBatch();
		return inserted;
	}

	static String insertSql(String database, Manifest.TableEntry table) {
		String values = table.columns()
			.stream()
			.map((column) -> column.isJson() ? "CONVERT(? USING utf8mb4)" : "?")
			.collect(Collectors.joining(", "));
		return "INSERT INTO " + Identifiers.qualify(database, table.name()) + " ("
				+ Identifiers.quoteAll(table.columns().stream().map(TableColumn::name).toList()) + ") VALUES (" + values
				+ ")";
	}

}
