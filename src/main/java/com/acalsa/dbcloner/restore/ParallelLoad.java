package com.acalsa.dbcloner.restore;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.job.WorkerPipeline;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.Sessions;
import com.acalsa.dbcloner.mysql.SqlErrors;
import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every key range of every table and adds back each table's secondary indexes, as
 * many tasks at once as there are workers, in the order of a {@link LoadSchedule}, each
 * worker on its own connection to the clone, kept for the whole load. InnoDB takes
 * concurrent loads into one table (row locks; the ranges do not overlap). The first
 * failure stops the rest; {@link #close} closes every worker's connection, which ends a
 * statement still running on the server.
 */
final class ParallelLoad implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ParallelLoad.class);

	private static final int MAX_ATTEMPTS = 5;

	private final CloneEndpoints endpoints;

	private final BackupDirectory backup;

	private final ChunkLoader loader;

	private final WorkerPipeline<Long> pipeline;

	private final ThreadLocal<Connection> connections = new ThreadLocal<>();

	private final List<Connection> opened = new ArrayList<>();

	private boolean closed;

	/**
	 * @param tables the tables, created without their secondary indexes
	 * @param addIndexes the statement that adds a table's secondary indexes, by table
	 * name
	 * @param oneRangeAtATime the tables whose ranges must load one at a time
	 */
	ParallelLoad(CloneEndpoints endpoints, BackupDirectory backup, int workers, ChunkLoader loader,
			List<Manifest.TableEntry> tables, Map<String, String> addIndexes,
			Predicate<Manifest.TableEntry> oneRangeAtATime) {
		this.endpoints = endpoints;
		this.backup = backup;
		this.loader = loader;
		this.pipeline = new WorkerPipeline<>(workers, "restore-worker",
				new LoadSchedule(tables, addIndexes, oneRangeAtATime, new LoadSchedule.Work() {

					@Override
					public long load(Manifest.TableEntry table, Manifest.Chunk chunk) throws Exception {
						long startedAt = System.currentTimeMillis();
						long rows = loadRetryingDeadlocks(connection(), table, chunk);
						logger.debug("Loaded {} rows of table `{}` ({}) in {} ms", rows, table.name(), chunk.range(),
								System.currentTimeMillis() - startedAt);
						return rows;
					}

					@Override
					public void execute(String sql) throws Exception {
						long startedAt = System.currentTimeMillis();
						Sessions.execute(connection(), sql);
						logger.debug("{}: {} ms", sql, System.currentTimeMillis() - startedAt);
					}

				}));
	}

	boolean hasMore() {
		return this.pipeline.hasMore();
	}

	/**
	 * Keeps every worker loading and returns once at least one more range is in: the rows
	 * of the ranges that ended.
	 */
	long advance() throws SQLException, IOException {
		return this.pipeline.advance().stream().mapToLong(Long::longValue).sum();
	}

	@Override
	public void close() {
		this.pipeline.close();
		synchronized (this.opened) {
			this.closed = true;
			for (Connection connection : this.opened) {
				closeQuietly(connection);
			}
			this.opened.clear();
		}
	}

	/**
	 * Loads a range and checks that it received every row of the backup. A deadlock or
	 * lock wait timeout between two loaders of one table rolls the statement back whole,
	 * so the range is loaded again, a few times at most (MySQL manual, "Deadlocks in
	 * InnoDB").
	 */
	private long loadRetryingDeadlocks(Connection connection, Manifest.TableEntry table, Manifest.Chunk chunk)
			throws SQLException, IOException {
		String where = "table `" + table.name() + "` (" + chunk.range() + ")";
		for (int attempt = 1;; attempt++) {
			try {
				long loaded = this.loader.load(connection, this.endpoints.cloneDatabase(), table, chunk,
						this.backup.file(chunk));
				if (loaded != chunk.rows()) {
					throw new ClonerException(RefBc.ERROR_RESTORE_BACKUP,
							where + " received " + loaded + " rows instead of the " + chunk.rows() + " in the backup");
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

	private Connection connection() throws SQLException, IOException {
		Connection connection = this.connections.get();
		if (connection == null) {
			connection = this.endpoints.target().connect();
			synchronized (this.opened) {
				if (this.closed) {
					closeQuietly(connection);
					throw new IOException("the restore was stopped");
				}
				this.opened.add(connection);
			}
			connection.setCatalog(this.endpoints.cloneDatabase());
			Sessions.loadRawValues(connection);
			// loaders of one table insert side by side: no gap locks between their ranges
			connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
			this.connections.set(connection);
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
