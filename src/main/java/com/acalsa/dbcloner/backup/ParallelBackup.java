package com.acalsa.dbcloner.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.acalsa.dbcloner.job.TaskSource;
import com.acalsa.dbcloner.job.WorkerPipeline;
import com.acalsa.dbcloner.mysql.KeyRange;
import com.acalsa.dbcloner.snapshot.Manifest;

/**
 * Runs the backup of every key range of every table on the snapshot group's connections,
 * as many at once as there are connections. The first failure stops the rest.
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

	/**
	 * Every key range of every table, in order, each with its row file in
	 * {@code directory}.
	 */
	static List<RangeTask> tasks(List<TablePlan> plans, Path directory) {
		List<RangeTask> tasks = new ArrayList<>();
		for (int t = 0; t < plans.size(); t++) {
			TablePlan plan = plans.get(t);
			for (int c = 0; c < plan.ranges().size(); c++) {
				tasks.add(new RangeTask(plan, plan.ranges().get(c),
						directory.resolve(String.format("t%04d-c%04d.tsv.zst", t + 1, c + 1))));
			}
		}
		return tasks;
	}

	/**
	 * Backs these ranges up, as many at once as there are connections, in order; each
	 * range's result names its row file.
	 */
	WorkerPipeline<Manifest.Chunk> start(List<RangeTask> tasks) {
		return new WorkerPipeline<>(this.snapshot.size(), "backup-worker",
				TaskSource.of(tasks.stream()
					.map((task) -> (Callable<Manifest.Chunk>) () -> backUp(task.plan(), task.range(), task.file()))
					.iterator()));
	}

	/**
	 * The manifest's tables, from the plans and every range's result in the order of
	 * {@link #tasks}.
	 */
	static List<Manifest.TableEntry> tables(List<TablePlan> plans, List<Manifest.Chunk> chunks) {
		List<Manifest.TableEntry> tables = new ArrayList<>();
		int next = 0;
		for (TablePlan plan : plans) {
			List<Manifest.Chunk> own = chunks.subList(next, next + plan.ranges().size());
			next += plan.ranges().size();
			tables.add(new Manifest.TableEntry(plan.shape().name(), plan.shape().ddl(), plan.shape().columns(),
					plan.shape().keyColumns(), List.copyOf(own)));
		}
		return tables;
	}

	/**
	 * One key range to back up.
	 *
	 * @param plan its table
	 * @param range the range
	 * @param file its row file
	 */
	record RangeTask(TablePlan plan, KeyRange range, Path file) {

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

}
