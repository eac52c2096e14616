package com.acalsa.dbcloner.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.acalsa.dbcloner.mysql.Definers;
import com.acalsa.dbcloner.mysql.SchemaObject;
import com.acalsa.dbcloner.mysql.Sessions;
import com.acalsa.dbcloner.restore.RestoreProperties.DefinerPolicy;

/**
 * Recreates views, routines, triggers and events in the clone, after the data (so no
 * trigger fires during the load), each under the {@code sql_mode}, character set and time
 * zone it was created with. Views may read other views whose names sort after them: a
 * view that fails because what it reads does not exist yet is retried after the others,
 * until a pass creates nothing.
 */
final class ObjectRestorer {

	private static final int NO_SUCH_TABLE = 1146;

	private static final int VIEW_INVALID = 1356;

	/**
	 * The creation settings the object records. Statements travel as UTF-8, so an object
	 * created by a client in another character set keeps its settings but a non-ASCII
	 * body would be misread; the comparison then reports it.
	 */
	private static final String SQL_OBJECT_SESSION = "SET SESSION sql_mode = ?, time_zone = ?, "
			+ "character_set_client = ?, collation_connection = ?";

	private final Connection connection;

	private final String sourceDatabase;

	private final DefinerPolicy definers;

	ObjectRestorer(Connection connection, String sourceDatabase, DefinerPolicy definers) {
		this.connection = connection;
		this.sourceDatabase = sourceDatabase;
		this.definers = definers;
	}

	void restore(List<SchemaObject> objects) throws SQLException {
		List<SchemaObject> pending = new ArrayList<>(objects);
		while (!pending.isEmpty()) {
			List<SchemaObject> failed = new ArrayList<>();
			SQLException last = null;
			for (SchemaObject object : pending) {
				try {
					create(object);
				}
				catch (SQLException ex) {
					if (object.type() != SchemaObject.Type.VIEW
							|| (ex.getErrorCode() != NO_SUCH_TABLE && ex.getErrorCode() != VIEW_INVALID)) {
						throw new SQLException(object.type() + " `" + object.name() + "`: " + ex.getMessage(),
								ex.getSQLState(), ex.getErrorCode(), ex);
					}
					failed.add(object);
					last = ex;
				}
			}
			if (failed.size() == pending.size()) {
				throw new SQLException("VIEW `" + failed.get(0).name() + "`: " + last.getMessage(), last.getSQLState(),
						last.getErrorCode(), last);
			}
			pending = failed;
		}
	}

	private void create(SchemaObject object) throws SQLException {
		String ddl = SchemaObject.withoutQualifier(object.ddl(), this.sourceDatabase);
		if (this.definers == DefinerPolicy.REWRITE) {
			ddl = Definers.strip(ddl);
		}
		try (PreparedStatement session = this.connection.prepareStatement(SQL_OBJECT_SESSION)) {
			session.setString(1, object.sqlMode().isEmpty() ? Sessions.LOAD_SQL_MODE : object.sqlMode());
			session.setString(2, object.timeZone().isEmpty() ? "+00:00" : object.timeZone());
			session.setString(3, object.characterSetClient());
			session.setString(4, object.collationConnection());
			session.execute();
		}
		try {
			Sessions.execute(this.connection, ddl);
		}
		finally {
			Sessions.loadRawValues(this.connection);
		}
	}

}
