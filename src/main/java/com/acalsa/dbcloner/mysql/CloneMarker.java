package com.acalsa.dbcloner.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The mark every clone carries: a one-row table {@value #TABLE} inside the clone that
 * says db-cloner created it, from which source and backup, and how far it got
 * ({@link Status}). Only a database with this mark is ever dropped, and a clone that is
 * not {@code VERIFIED} is visibly not one to trust.
 */
public final class CloneMarker {

	public static final String TABLE = "_db_cloner";

	private static final String CREATED_BY = "db-cloner";

	private static final String SQL_FIND_TABLE = "SELECT COUNT(*) FROM information_schema.TABLES "
			+ "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = '" + TABLE + "'";

	private static final String SQL_CREATE = "CREATE TABLE %s (created_by VARCHAR(32) NOT NULL, "
			+ "source VARCHAR(400) NOT NULL, backup_dir VARCHAR(1024) NOT NULL, job_execution_id BIGINT NOT NULL, "
			+ "status VARCHAR(16) NOT NULL, created_at DATETIME(6) NOT NULL, updated_at DATETIME(6) NOT NULL) "
			+ "COMMENT 'db-cloner: this database is a clone; it is dropped and recreated by every run'";

	private static final String SQL_INSERT = "INSERT INTO %s VALUES ('" + CREATED_BY
			+ "', ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))";

	private static final String SQL_READ = "SELECT created_by, source, backup_dir, job_execution_id, status FROM %s";

	private static final String SQL_UPDATE_STATUS = "UPDATE %s SET status = ?, updated_at = UTC_TIMESTAMP(6)";

	/** How far a clone got; only {@code VERIFIED} means it equals its snapshot. */
	public enum Status {

		RESTORING, RESTORED, VERIFIED, DIFFERENT

	}

	/**
	 * What a marker says.
	 *
	 * @param source {@code host:port/database} of the source
	 * @param backupDir the backup the clone was restored from
	 * @param jobExecutionId the run that created the clone
	 * @param status how far it got
	 */
	public record Mark(String source, String backupDir, long jobExecutionId, Status status) {

	}

	private CloneMarker() {
	}

	public static boolean hasMarkerTable(Connection connection, String database) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(SQL_FIND_TABLE)) {
			statement.setString(1, database);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1) > 0;
			}
		}
	}

	/**
	 * The mark of {@code database}, or empty when it has none (or one that db-cloner did
	 * not write).
	 */
	public static Optional<Mark> read(Connection connection, String database) throws SQLException {
		if (!hasMarkerTable(connection, database)) {
			return Optional.empty();
		}
		try (PreparedStatement statement = connection.prepareStatement(sql(SQL_READ, database));
				ResultSet rs = statement.executeQuery()) {
			if (!rs.next() || !CREATED_BY.equals(rs.getString(1))) {
				return Optional.empty();
			}
			return Optional
				.of(new Mark(rs.getString(2), rs.getString(3), rs.getLong(4), Status.valueOf(rs.getString(5))));
		}
	}

	public static void create(Connection connection, String database, Mark mark) throws SQLException {
		Sessions.execute(connection, sql(SQL_CREATE, database));
		try (PreparedStatement statement = connection.prepareStatement(sql(SQL_INSERT, database))) {
			statement.setString(1, mark.source());
			statement.setString(2, mark.backupDir());
			statement.setLong(3, mark.jobExecutionId());
			statement.setString(4, mark.status().name());
			statement.executeUpdate();
		}
	}

	public static void updateStatus(Connection connection, String database, Status status) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql(SQL_UPDATE_STATUS, database))) {
			statement.setString(1, status.name());
			statement.executeUpdate();
		}
	}

	private static String sql(String template, String database) {
		return String.format(template, Identifiers.qualify(database, TABLE));
	}

}
