package com.acalsa.dbcloner.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import com.acalsa.dbcloner.mysql.DatabaseEndpoint;
import com.acalsa.dbcloner.mysql.SchemaObject;
import com.acalsa.dbcloner.mysql.SchemaObjects;
import com.acalsa.dbcloner.mysql.Sessions;
import com.acalsa.dbcloner.mysql.TableShape;
import com.acalsa.dbcloner.snapshot.Manifest;
import com.acalsa.dbcloner.snapshot.RowFileWriter;

/**
 * One open consistent snapshot of the source database, held by a single connection for the whole backup. Rows are
 * streamed from the server one at a time (Connector/J streams a result set whose fetch size is
 * {@code Integer.MIN_VALUE}) straight into the row file, so no table is ever held in memory.
 */
final class SourceSnapshot implements AutoCloseable {

	private static final String SQL_DATABASE_DEFAULTS = "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME "
			+ "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?";

	private static final String SQL_NOW = "SELECT DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%dT%H:%i:%s.%fZ'), VERSION()";

	private final Connection connection;

	private final String database;

	private SourceSnapshot(Connection connection, String database) {
		this.connection = connection;
		this.database = database;
	}

	static SourceSnapshot open(DatabaseEndpoint source) throws SQLException {
		Connection connection = source.connect();
		try {
			Sessions.readRawValues(connection);
			Sessions.startSnapshot(connection);
			return new SourceSnapshot(connection, source.database());
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
	}

	/** An empty manifest with the source's defaults, read inside the snapshot. */
	Manifest describe(String describedSource) throws SQLException {
		String[] defaults = new String[2];
		try (PreparedStatement statement = this.connection.prepareStatement(SQL_DATABASE_DEFAULTS)) {
			statement.setString(1, this.database);
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					throw new SQLException("Unknown database '" + this.database + "'", "42000", 1049);
				}
				defaults[0] = rs.getString(1);
				defaults[1] = rs.getString(2);
			}
		}
		try (Statement statement = this.connection.createStatement(); ResultSet rs = statement.executeQuery(SQL_NOW)) {
			rs.next();
			return new Manifest(Manifest.FORMAT_VERSION, describedSource, this.database, defaults[0], defaults[1],
					rs.getString(2), rs.getString(1), List.of(), List.of());
		}
	}

	List<String> tables() throws SQLException {
		return TableShape.baseTables(this.connection, this.database);
	}

	/** Views, routines, triggers and events, read inside the snapshot (their DDL is not versioned, their names are). */
	List<SchemaObject> objects() throws SQLException {
		return SchemaObjects.read(this.connection, this.database);
	}

	TableShape shape(String table) throws SQLException {
		return TableShape.read(this.connection, this.database, table);
	}

	/** Streams every row of {@code table} into a new row file and describes it for the manifest. */
	Manifest.TableEntry backUp(TableShape table, Path file, int compressionLevel) throws SQLException, IOException {
		try (RowFileWriter writer = new RowFileWriter(file, compressionLevel);
				Statement statement = this.connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
						ResultSet.CONCUR_READ_ONLY)) {
			statement.setFetchSize(Integer.MIN_VALUE);
			long largestRow = 0;
			String largestRowKey = "";
			try (ResultSet rs = statement.executeQuery(table.selectRows(this.database))) {
				int width = table.columns().size();
				while (rs.next()) {
					byte[][] row = new byte[width][];
					for (int i = 0; i < width; i++) {
						row[i] = rs.getBytes(i + 1);
					}
					long size = writer.write(row);
					if (size > largestRow) {
						largestRow = size;
						largestRowKey = table.describeKey(row);
					}
				}
			}
			writer.close();
			return new Manifest.TableEntry(table.name(), table.ddl(), table.columns(), table.keyColumns(),
					file.getFileName().toString(), writer.rows(), writer.size(), writer.sha256(), largestRow,
					largestRowKey);
		}
	}

	@Override
	public void close() throws SQLException {
		try {
			this.connection.rollback();
		}
		finally {
			this.connection.close();
		}
	}

}
