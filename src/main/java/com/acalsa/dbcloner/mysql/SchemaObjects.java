package com.acalsa.dbcloner.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.acalsa.dbcloner.mysql.SchemaObject.Type;

/**
 * Reads a database's views, routines, triggers and events through {@code SHOW CREATE},
 * the only output that keeps each object's exact text and creation settings. Objects come
 * in {@link Type} order, and triggers of a table in their action order so that a restore
 * recreates them in the same order.
 */
public final class SchemaObjects {

	private static final String SQL_VIEWS = "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? "
			+ "ORDER BY TABLE_NAME";

	private static final String SQL_ROUTINES = "SELECT ROUTINE_NAME FROM information_schema.ROUTINES "
			+ "WHERE ROUTINE_SCHEMA = ? AND ROUTINE_TYPE = ? ORDER BY ROUTINE_NAME";

	private static final String SQL_TRIGGERS = "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS "
			+ "WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER";

	private static final String SQL_EVENTS = "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? "
			+ "ORDER BY EVENT_NAME";

	private SchemaObjects() {
	}

	public static List<SchemaObject> read(Connection connection, String database) throws SQLException {
		List<SchemaObject> objects = new ArrayList<>();
		for (String name : names(connection, SQL_ROUTINES, database, "FUNCTION")) {
			objects.add(show(connection, Type.FUNCTION, database, name, "Create Function"));
		}
		for (String name : names(connection, SQL_ROUTINES, database, "PROCEDURE")) {
			objects.add(show(connection, Type.PROCEDURE, database, name, "Create Procedure"));
		}
		for (String name : names(connection, SQL_VIEWS, database, null)) {
			objects.add(show(connection, Type.VIEW, database, name, "Create View"));
		}
		for (String name : names(connection, SQL_TRIGGERS, database, null)) {
			objects.add(show(connection, Type.TRIGGER, database, name, "SQL Original Statement"));
		}
		for (String name : names(connection, SQL_EVENTS, database, null)) {
			objects.add(show(connection, Type.EVENT, database, name, "Create Event"));
		}
		return objects;
	}

	private static List<String> names(Connection connection, String sql, String database, String routineType)
			throws SQLException {
		List<String> names = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, database);
			if (routineType != null) {
				statement.setString(2, routineType);
			}
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					names.add(rs.getString(1));
				}
			}
		}
		return names;
	}

	private static SchemaObject show(Connection connection, Type type, String database, String name, String ddlColumn)
			throws SQLException {
		String sql = "SHOW CREATE " + type.name() + " " + Identifiers.qualify(database, name);
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			String ddl = rs.getString(ddlColumn);
			if (ddl == null) {
				// MySQL shows a routine's body only to its definer or to holders of
				// SHOW_ROUTINE (8.0.20+)
				throw new SQLException(
						"SHOW CREATE " + type + " `" + name + "` returned no definition: grant "
								+ "SHOW_ROUTINE (MySQL 8.0.20+) or SELECT on mysql.proc to the source user",
						"42000", 1142);
			}
			return new SchemaObject(type, name, optional(rs, "sql_mode"), rs.getString("character_set_client"),
					rs.getString("collation_connection"), optional(rs, "time_zone"), ddl);
		}
	}

	/**
	 * A column that only some kinds of object show (views have no sql_mode, only events a
	 * time_zone).
	 */
	private static String optional(ResultSet rs, String column) throws SQLException {
		ResultSetMetaData metaData = rs.getMetaData();
		for (int i = 1; i <= metaData.getColumnCount(); i++) {
			if (metaData.getColumnLabel(i).equalsIgnoreCase(column)) {
				return rs.getString(i);
			}
		}
		return "";
	}

}
