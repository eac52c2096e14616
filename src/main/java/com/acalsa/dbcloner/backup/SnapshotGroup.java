package com.acalsa.dbcloner.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;

import com.acalsa.dbcloner.mysql.DatabaseEndpoint;
import com.acalsa.dbcloner.mysql.Identifiers;
import com.acalsa.dbcloner.mysql.Sessions;
import com.acalsa.dbcloner.mysql.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several connections that all read one and the same snapshot of the source. RDS grants
 * neither {@code FLUSH TABLES WITH READ LOCK} nor {@code LOCK INSTANCE FOR BACKUP}; as
 * MySQL Shell does, the tables to back up are held with {@code LOCK TABLES ... READ} only
 * while every worker starts {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}, so no
 * write can commit between the workers' snapshots, then released (MySQL manual, "LOCK
 * TABLES and Transactions"): writers wait for milliseconds, not for the backup. A user
 * without the LOCK TABLES privilege gets one worker, which needs no lock.
 */
final class SnapshotGroup implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SnapshotGroup.class);

	private final List<Connection> connections;

	private final BlockingQueue<Connection> idle;

	private SnapshotGroup(List<Connection> connections) {
		this.connections = connections;
		this.idle = new LinkedBlockingQueue<>(connections);
	}

	static SnapshotGroup open(DatabaseEndpoint source, List<String> tables, int workers) throws SQLException {
		List<Connection> connections = new ArrayList<>();
		try {
			for (int i = 0; i < workers; i++) {
				Connection connection = source.connect();
				connections.add(connection);
				Sessions.readRawValues(connection);
			}
			if (workers == 1 || tables.isEmpty()) {
				Sessions.startSnapshot(connections.get(0));
				return new SnapshotGroup(connections.subList(0, 1));
			}
			try (Connection lock = source.connect()) {
				if (!lockTables(lock, source, tables)) {
					Sessions.startSnapshot(connections.get(0));
					connections.subList(1, connections.size()).forEach(SnapshotGroup::closeQuietly);
					return new SnapshotGroup(new ArrayList<>(connections.subList(0, 1)));
				}
				for (Connection connection : connections) {
					Sessions.startSnapshot(connection);
				}
				Sessions.execute(lock, "UNLOCK TABLES");
			}
			return new SnapshotGroup(connections);
		}
		catch (SQLException | RuntimeException ex) {
			connections.forEach(SnapshotGroup::closeQuietly);
			throw ex;
		}
	}

	int size() {
		return this.connections.size();
	}

	/** A connection for one piece of work; give it back with {@link #release}. */
	Connection acquire() throws InterruptedException {
		return this.idle.take();
	}

	void release(Connection connection) {
		this.idle.add(connection);
	}

	@Override
	public void close() {
		this.connections.forEach(SnapshotGroup::closeQuietly);
	}

	private static boolean lockTables(Connection lock, DatabaseEndpoint source, List<String> tables)
			throws SQLException {
		String list = tables.stream()
			.map((table) -> Identifiers.qualify(source.database(), table) + " READ")
			.collect(Collectors.joining(", "));
		try {
			Sessions.execute(lock, "LOCK TABLES " + list);
			return true;
		}
		catch (SQLException ex) {
			if (!SqlErrors.isPrivilegeDenied(ex)) {
				throw ex;
			}
			logger.warn("LOCK TABLES is not granted on {}: backing up with one connection ({})", source.describe(),
					ex.getMessage());
			return false;
		}
	}

	private static void closeQuietly(Connection connection) {
		try (connection) {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			logger.debug("Closing a snapshot connection failed: {}", ex.getMessage());
		}
	}

}
