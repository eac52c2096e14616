package com.acalsa.dbcloner.restore;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.acalsa.dbcloner.job.ParallelTasks;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.Sessions;
import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;

/**
 * Loads every key range of every table, as many at once as there are workers, each worker
 * on its own connection to the clone. InnoDB takes concurrent loads into one table (row
 * locks; the ranges do not overlap). The first failure stops the rest.
 */
final class ParallelLoad {

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

	/** Loads everything and returns the number of rows loaded. */
	long run(List<Manifest.TableEntry> tables) throws SQLException, IOException {
		ThreadLocal<Connection> connections = new ThreadLocal<>();
		List<Connection> opened = new ArrayList<>();
		try {
			List<Callable<Long>> loads = new ArrayList<>();
			for (Manifest.TableEntry table : tables) {
				for (Manifest.Chunk chunk : table.chunks()) {
					loads.add(() -> this.loader.load(connection(connections, opened), this.endpoints.cloneDatabase(),
							table, chunk, this.backup.file(chunk)));
				}
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

	private Connection connection(ThreadLocal<Connection> connections, List<Connection> opened) throws SQLException {
		Connection connection = connections.get();
		if (connection == null) {
			connection = this.endpoints.target().connect();
			synchronized (opened) {
				opened.add(connection);
			}
			connection.setCatalog(this.endpoints.cloneDatabase());
			Sessions.loadRawValues(connection);
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
