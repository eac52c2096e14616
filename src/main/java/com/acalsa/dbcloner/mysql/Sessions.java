package com.acalsa.dbcloner.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The session state each kind of connection sets for itself, so that nothing depends on
 * the server's global settings. Values travel as the bytes the server stores: TIMESTAMPs
 * rendered in UTC ({@code time_zone='+00:00'}, MySQL manual, "MySQL Server Time Zone
 * Support") and text in each column's own character set
 * ({@code character_set_results = NULL}, "Connection Character Sets and Collations").
 */
public final class Sessions {

	private static final String SQL_NAMES = "SET NAMES utf8mb4";

	private static final String SQL_RAW_VALUES = "SET SESSION time_zone = '+00:00', character_set_results = NULL";

	/**
	 * Restore: mysqldump's and MySQL Shell's load mode. {@code NO_AUTO_VALUE_ON_ZERO}
	 * keeps an explicit 0 in an AUTO_INCREMENT column and, without the strict and
	 * NO_ZERO_DATE modes, zero dates load as they were dumped.
	 */
	public static final String LOAD_SQL_MODE = "NO_AUTO_VALUE_ON_ZERO";

	private static final String SQL_LOAD_MODE = "SET SESSION sql_mode = '" + LOAD_SQL_MODE + "', "
			+ "foreign_key_checks = 0, unique_checks = 0";

	private static final String SQL_SNAPSHOT_ISOLATION = "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ";

	/**
	 * One consistent snapshot for the whole backup, as
	 * {@code mysqldump --single-transaction} does: no global read lock, which RDS does
	 * not grant (MySQL manual, "START TRANSACTION ... WITH CONSISTENT SNAPSHOT").
	 */
	private static final String SQL_START_SNAPSHOT = "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY";

	private Sessions() {
	}

	/** A connection that reads rows as raw bytes, for the backup and the comparison. */
	public static void readRawValues(Connection connection) throws SQLException {
		execute(connection, SQL_RAW_VALUES);
	}

	public static void startSnapshot(Connection connection) throws SQLException {
		execute(connection, SQL_SNAPSHOT_ISOLATION);
		connection.setAutoCommit(false);
		execute(connection, SQL_START_SNAPSHOT);
	}

	/** A connection that restores rows exactly as they were backed up. */
	public static void loadRawValues(Connection connection) throws SQLException {
		execute(connection, SQL_NAMES);
		execute(connection, SQL_RAW_VALUES);
		execute(connection, SQL_LOAD_MODE);
	}

	public static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
