package com.acalsa.dbcloner.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.OptionalLong;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.SqlErrors;

/**
 * The lock that lets one run at a time work on a source and clone pair, across pods: a
 * MySQL user-level lock ({@code GET_LOCK}) on the target server, held by a connection of
 * its own for the whole command, restarts included (spring-batch issue 5397: restarts
 * race without it). The server releases it when that connection ends, so a killed holder
 * frees it without anyone's help (MySQL manual, "Locking Functions"); that is also how a
 * run knows that a STARTED execution of its pair has lost its owner.
 */
public final class RunLock implements AutoCloseable {

	private static final String SQL_GET_LOCK = "SELECT GET_LOCK(?, 0)";

	private static final String SQL_HOLDER = "SELECT IS_USED_LOCK(?)";

	private static final String SQL_RELEASE_LOCK = "SELECT RELEASE_LOCK(?)";

	private final Connection connection;

	private final String name;

	private RunLock(Connection connection, String name) {
		this.connection = connection;
		this.name = name;
	}

	/**
	 * Takes the lock of {@code endpoints} without waiting.
	 * @return the held lock
	 * @throws RunLockedException when another session holds it
	 */
	public static RunLock acquire(CloneEndpoints endpoints) {
		String name = lockName(endpoints);
		try {
			Connection connection = endpoints.target().connect();
			if (queryLong(connection, SQL_GET_LOCK, name).orElse(0) == 1) {
				return new RunLock(connection, name);
			}
			OptionalLong holder = queryLong(connection, SQL_HOLDER, name);
			connection.close();
			throw new RunLockedException(name, holder);
		}
		catch (SQLException ex) {
			// nothing has run yet: like a backup that cannot connect, the operator checks
			// credentials and servers
			throw new ClonerException(RefBc.ERROR_BACKUP, "cannot take the run lock on " + endpoints.target().server()
					+ ": " + SqlErrors.describe(ex, endpoints.target(), credentialSettings(endpoints)), ex);
		}
	}

	/**
	 * The settings an operator fixes: the target's credentials default to the source's.
	 */
	private static String credentialSettings(CloneEndpoints endpoints) {
		boolean inherited = endpoints.target().username().equals(endpoints.source().username())
				&& endpoints.target().password().reveal().equals(endpoints.source().password().reveal());
		return inherited ? "cloner.source" : "cloner.target";
	}

	/**
	 * {@code db-cloner.<hash>}: a user-level lock name is at most 64 characters, a pair's
	 * name may be longer.
	 */
	static String lockName(CloneEndpoints endpoints) {
		String pair = endpoints.source().describe() + " -> " + endpoints.describeClone();
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(pair.getBytes(StandardCharsets.UTF_8));
			return "db-cloner." + HexFormat.of().formatHex(digest, 0, 20);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String name() {
		return this.name;
	}

	@Override
	public void close() {
		try (Connection connection = this.connection) {
			queryLong(connection, SQL_RELEASE_LOCK, this.name);
		}
		catch (SQLException ex) {
			// closing the session releases the lock anyway
		}
	}

	private static OptionalLong queryLong(Connection connection, String sql, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, name);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				long value = rs.getLong(1);
				return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
			}
		}
	}

	/**
	 * Another session holds the lock; {@code holder} is its connection id on the target
	 * server, when still known.
	 */
	public static final class RunLockedException extends RuntimeException {

		private final OptionalLong holder;

		RunLockedException(String name, OptionalLong holder) {
			super("lock " + name + " is held by connection "
					+ (holder.isPresent() ? String.valueOf(holder.getAsLong()) : "(just released)"));
			this.holder = holder;
		}

		public OptionalLong holder() {
			return this.holder;
		}

	}

}
