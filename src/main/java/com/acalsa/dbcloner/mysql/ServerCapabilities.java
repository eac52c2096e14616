package com.acalsa.dbcloner.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a server is and allows, probed once per connection target and then branched on.
 * MariaDB and MySQL differ in several places that matter here (MariaDB has no
 * {@code server_uuid}, renders FLOAT with fewer digits, has no invisible-column keyword
 * of the same form); code asks this record instead of parsing version strings.
 */
public record ServerCapabilities(String version, boolean mariaDb, String sqlMode, long maxAllowedPacket,
		boolean localInfile, int lowerCaseTableNames, String identity, int autoIncrementLockMode) {

	private static final String SQL_PROBE = "SELECT VERSION(), @@global.sql_mode, @@global.max_allowed_packet, "
			+ "@@global.local_infile, @@lower_case_table_names, @@hostname, @@port, @@server_id, "
			+ "@@global.innodb_autoinc_lock_mode";

	/**
	 * Whether a {@code LOAD DATA} into a table with an AUTO_INCREMENT column holds the
	 * table's AUTO-INC lock to its end, so that two loads of one such table run one after
	 * the other: every lock mode but 2, "interleaved" (MySQL manual, "AUTO_INCREMENT
	 * Handling in InnoDB"). MySQL 8's default is 2; MariaDB's (10.11) is 1, and so is
	 * MySQL 5.7's.
	 */
	public boolean loadDataLocksAutoIncrementTables() {
		return this.autoIncrementLockMode != 2;
	}

	public static ServerCapabilities probe(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(SQL_PROBE)) {
			rs.next();
			String version = rs.getString(1);
			String identity = rs.getString(6) + ":" + rs.getString(7) + "#" + rs.getString(8);
			return new ServerCapabilities(version, version.toLowerCase().contains("mariadb"), rs.getString(2),
					rs.getLong(3), rs.getLong(4) == 1, rs.getInt(5), identity, rs.getInt(9));
		}
	}

}
