package com.acalsa.dbcloner.mysql;

import java.sql.SQLException;

/**
 * The one place that turns an {@link SQLException} into words an operator can act on, by
 * SQLState and vendor code (MySQL manual, "Server Error Message Reference"). The driver's
 * own message is kept: it names the object and never contains a password.
 */
public final class SqlErrors {

	private static final int ACCESS_DENIED = 1045;

	private static final int DATABASE_ACCESS_DENIED = 1044;

	private static final int TABLE_ACCESS_DENIED = 1142;

	private static final int UNKNOWN_DATABASE = 1049;

	private static final int SPECIFIC_PRIVILEGE_DENIED = 1227;

	private static final int LOCK_WAIT_TIMEOUT = 1205;

	private static final int DEADLOCK = 1213;

	private static final int RESOURCE_LIMIT = 1226;

	private SqlErrors() {
	}

	/**
	 * Describes the failure of work on {@code endpoint}, naming the settings to check.
	 * @param settings the property prefix of the endpoint, such as {@code cloner.source}
	 */
	public static String describe(SQLException ex, DatabaseEndpoint endpoint, String settings) {
		String driverMessage = firstLine(ex.getMessage());
		String where = endpoint.describe();
		if (isConnectionFailure(ex)) {
			return "cannot reach " + endpoint.server() + " (" + driverMessage + "); check " + settings
					+ ".url and that the server is up and reachable";
		}
		return switch (ex.getErrorCode()) {
			case ACCESS_DENIED -> "access denied on " + where + " for user '" + endpoint.username() + "' ("
					+ driverMessage + "); check " + settings + ".username and " + settings + ".password";
			case DATABASE_ACCESS_DENIED, TABLE_ACCESS_DENIED -> "missing privilege on " + where + " (" + driverMessage
					+ "); grant it to '" + endpoint.username() + "' (see README, privileges)";
			case UNKNOWN_DATABASE ->
				"database not found on " + endpoint.server() + " (" + driverMessage + "); check " + settings + ".url";
			case RESOURCE_LIMIT -> "the server refused the work on " + where + " (" + driverMessage
					+ "); raise the account's resource limit";
			default -> "error " + ex.getErrorCode() + " (SQLState " + ex.getSQLState() + ") on " + where + ": "
					+ driverMessage;
		};
	}

	/**
	 * Access denied for a statement or an object: the user lacks a privilege (1044, 1142,
	 * 1227).
	 */
	public static boolean isPrivilegeDenied(SQLException ex) {
		return ex.getErrorCode() == DATABASE_ACCESS_DENIED || ex.getErrorCode() == TABLE_ACCESS_DENIED
				|| ex.getErrorCode() == SPECIFIC_PRIVILEGE_DENIED;
	}

	/**
	 * A deadlock (1213) or lock wait timeout (1205): the statement was rolled back and
	 * can run again.
	 */
	public static boolean isDeadlock(SQLException ex) {
		return ex.getErrorCode() == DEADLOCK || ex.getErrorCode() == LOCK_WAIT_TIMEOUT;
	}

	public static boolean isConnectionFailure(SQLException ex) {
		String state = ex.getSQLState();
		return state != null && state.startsWith("08");
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "no message";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
