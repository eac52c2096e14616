package com.acalsa.dbcloner.restore;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.ParallelTasks;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.Sessions;
import com.acalsa.dbcloner.mysql.SqlErrors;
import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;

/**
 * Loads every key range of every table, as many at once as there are workers, each worker
 * on its own connection to the clone. InnoDB takes concurrent loads into one table (row
 * locks; the ranges do not overlap). The first failure stops the rest.
 */
final class ParallelLoad {

	private static final int MAX_ATTEMPTS = 5;

	/**
	 * One key range of one table.
	 *
	 * @param table the table
	 * @param chunk the range and its row file
	 */
	record TableChunk(Manifest.TableEntry table, Manifest.Chunk chunk) {

	}

	private final CloneEndpoints endpoints;

	private final BackupDirectory backup;

	private final int workers;

	private final ChunkLoader loader;

	ParallelLoad(CloneEndpoints endpoints, BackupDirectory backup, int workers, ChunkLoader loader) {
		this.endpoints = endpoints;
		this.backup = backup;
		this.workers = workers;
		this.loader = loader;
	}

	/** Loads these key ranges and returns the number of rows loaded. */
	long run(List<TableChunk> chunks) throws SQLException, IOException {
		ThreadLocal<Connection> connections = new ThreadLocal<>();
		List<Connection> opened = new ArrayList<>();
		try {
			List<Callable<Long>> loads = new ArrayList<>();
			for (TableChunk each : chunks) {
				loads.add(() -> loadRetryingDeadlocks(connection(connections, opened), each));
			}
			return ParallelTasks.run(this.workers, "restore-worker", loads).stream().mapToLong(Long::longValue).sum();
		}
		finally {
			synchronized (opened) {
				for (Connection connection : opened) {
					closeQuietly(connection);
				}
			}
		}
	}

	/**
	 * Loads a range and checks that it received every row of the backup. A deadlock or
	 * lock wait timeout between two loaders of one table rolls the statement back whole,
	 * so the range is loaded again, a few times at most (MySQL manual, "Deadlocks in
	 * InnoDB").
	 */
	private long loadRetryingDeadlocks(Connection connection, TableChunk each) throws SQLException, IOException {
		String where = "table `" + each.table().name() + "` (" + each.chunk().range() + ")";
		for (int attempt = 1;; attempt++) {
			try {
				long loaded = this.loader.load(connection, this.endpoints.cloneDatabase(), each.table(), each.chunk(),
						this.backup.file(each.chunk()));
				if (loaded != each.chunk().rows()) {
					throw new ClonerException(RefBc.ERROR_RESTORE_BACKUP, where + " received " + loaded
							+ " rows instead of the " + each.chunk().rows() + " in the backup");
				}
				return loaded;
			}
			catch (SQLException ex) {
				if (attempt == MAX_ATTEMPTS || !SqlErrors.isDeadlock(ex)) {
					throw new SQLException(where + ": " + ex.getMessage(), ex.getSQLState(), ex.getErrorCode(), ex);
				}
			}
		}
	}

	private Connection connection(ThreadLocal<Connection> connections, List<Connection> opened) throws SQLException {
		Connection connection = connections.get();
		if (connection == null) {
			connection = this.endpoints.target().connect();
			synchronized (opened) {
				opened.add(connection);
			}
			connection.setCatalog(this.endpoints.cloneDatabase());
			Sessions.loadRawValues(connection);
			// loaders of one table insert side by side: no gap locks between their ranges
			connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
			connections.set(connection);
		}
		return connection;
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// a worker's connection that fails to close has nothing left to lose: its
			// loads are committed or failed
		}
	}

}
