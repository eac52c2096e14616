package com.acalsa.dbcloner.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

import com.acalsa.dbcloner.mysql.DatabaseEndpoint;
import com.acalsa.dbcloner.mysql.SchemaObject;
import com.acalsa.dbcloner.mysql.SchemaObjects;
import com.acalsa.dbcloner.mysql.TableShape;
import com.acalsa.dbcloner.snapshot.Manifest;

/**
 * What the backup records besides rows, read on a snapshot connection: the source
 * database's defaults, the snapshot's time and server version, and the views, routines,
 * triggers and events; and the check that no table's definition changed while its rows
 * were read (table definitions are not versioned with the snapshot).
 */
final class SnapshotFacts {

	private static final String SQL_DESCRIBE = "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME, "
			+ "DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%dT%H:%i:%s.%fZ'), VERSION() "
			+ "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?";

	/** The AUTO_INCREMENT counter moves with every insert: not a change of definition. */
	private static final Pattern AUTO_INCREMENT = Pattern.compile(" AUTO_INCREMENT=\\d+");

	private SnapshotFacts() {
	}

	static Manifest describe(Connection connection, DatabaseEndpoint source) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(SQL_DESCRIBE)) {
			statement.setString(1, source.database());
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					throw new SQLException("Unknown database '" + source.database() + "'", "42000", 1049);
				}
				return new Manifest(Manifest.FORMAT_VERSION, source.describe(), source.database(), rs.getString(1),
						rs.getString(2), rs.getString(4), rs.getString(3), List.of(), List.of());
			}
		}
	}

	static List<SchemaObject> objects(Connection connection, DatabaseEndpoint source) throws SQLException {
		return SchemaObjects.read(connection, source.database());
	}

	static void refuseChangedDefinitions(Connection connection, String database, List<Manifest.TableEntry> tables)
			throws SQLException {
		for (Manifest.TableEntry table : tables) {
			String now = TableShape.showCreateTable(connection, database, table.name());
			if (!AUTO_INCREMENT.matcher(now)
				.replaceAll("")
				.equals(AUTO_INCREMENT.matcher(table.ddl()).replaceAll(""))) {
				throw new SQLException("table `" + table.name() + "` was altered while it was backed up; the next run "
						+ "takes a new snapshot", "HY000", 0);
			}
		}
	}

}
