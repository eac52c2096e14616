package com.acalsa.dbcloner.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.acalsa.dbcloner.mysql.KeyRange;
import com.acalsa.dbcloner.snapshot.Manifest;

/**
 * Runs the backup of every key range of every table on the snapshot group's connections, as many at once as there
 * are connections, largest tables' ranges interleaved with small tables. The first failure stops the rest.
 */
final class ParallelBackup {

	private final SnapshotGroup snapshot;

	private final String database;

	private final int compressionLevel;

	ParallelBackup(SnapshotGroup snapshot, String database, int compressionLevel) {
		this.snapshot = snapshot;
		this.database = database;
		this.compressionLevel = compressionLevel;
	}

	List<Manifest.TableEntry> run(List<TablePlan> plans, Path directory) throws SQLException, IOException {
		ExecutorService pool = Executors.newFixedThreadPool(this.snapshot.size(), (task) -> {
			Thread thread = new Thread(task, "backup-worker");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<List<Future<Manifest.Chunk>>> futures = new ArrayList<>();
			for (int t = 0; t < plans.size(); t++) {
				List<Future<Manifest.Chunk>> tableFutures = new ArrayList<>();
				TablePlan plan = plans.get(t);
				for (int c = 0; c < plan.ranges().size(); c++) {
					Path file = directory.resolve(String.format("t%04d-c%04d.tsv.zst", t + 1, c + 1));
					KeyRange range = plan.ranges().get(c);
					tableFutures.add(pool.submit(() -> backUp(plan, range, file)));
				}
				futures.add(tableFutures);
			}
			List<Manifest.TableEntry> tables = new ArrayList<>();
			for (int t = 0; t < plans.size(); t++) {
				List<Manifest.Chunk> chunks = new ArrayList<>();
				for (Future<Manifest.Chunk> future : futures.get(t)) {
					chunks.add(await(future));
				}
				TablePlan plan = plans.get(t);
				tables.add(new Manifest.TableEntry(plan.shape().name(), plan.shape().ddl(), plan.shape().columns(),
						plan.shape().keyColumns(), chunks));
			}
			return tables;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private Manifest.Chunk backUp(TablePlan plan, KeyRange range, Path file) throws Exception {
		Connection connection = this.snapshot.acquire();
		try {
			return ChunkBackup.backUp(connection, this.database, plan.shape(), range, file, this.compressionLevel);
		}
		finally {
			this.snapshot.release(connection);
		}
	}

	private static Manifest.Chunk await(Future<Manifest.Chunk> future) throws SQLException, IOException {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("the backup was interrupted", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof SQLException sql) {
				throw sql;
			}
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

}
