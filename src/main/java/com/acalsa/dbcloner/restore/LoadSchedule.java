package com.acalsa.dbcloner.restore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import com.acalsa.dbcloner.job.TaskSource;
import com.acalsa.dbcloner.snapshot.Manifest;

/**
 * The order of the restore's work: every table's key ranges, and each table's secondary
 * indexes as soon as all its rows are in, so that index builds overlap the other tables'
 * loads instead of following them all. The table with the most bytes left is loaded
 * first; a table whose loads would wait for each other (see
 * {@link com.acalsa.dbcloner.mysql.ServerCapabilities#loadDataLocksAutoIncrementTables})
 * takes one range at a time while the other workers load other tables. Called by the
 * step's thread and, as tasks end, by the workers.
 */
final class LoadSchedule implements TaskSource<Long> {

	/** What the tasks do, on the worker's own connection. */
	interface Work {

		long load(Manifest.TableEntry table, Manifest.Chunk chunk) throws Exception;

		void execute(String sql) throws Exception;

	}

	private final Work work;

	private final List<TableWork> tables = new ArrayList<>();

	/**
	 * @param tables the tables to load
	 * @param addIndexes the statement that adds a table's secondary indexes, by table
	 * name, for the tables that have any
	 * @param oneRangeAtATime the tables that must take one range at a time
	 * @param work what the tasks do
	 */
	LoadSchedule(List<Manifest.TableEntry> tables, Map<String, String> addIndexes,
			Predicate<Manifest.TableEntry> oneRangeAtATime, Work work) {
		this.work = work;
		for (Manifest.TableEntry table : tables) {
			this.tables.add(new TableWork(table, Optional.ofNullable(addIndexes.get(table.name())),
					oneRangeAtATime.test(table)));
		}
	}

	@Override
	public synchronized Callable<Long> next() {
		for (TableWork table : this.tables) {
			if (table.indexesMayStart()) {
				String sql = table.addIndexes.get();
				table.indexesStarted = true;
				return () -> {
					this.work.execute(sql);
					return 0L;
				};
			}
		}
		return this.tables.stream()
			.filter(TableWork::mayStartARange)
			.max(Comparator.comparingLong((TableWork table) -> table.bytesWaiting))
			.map(this::startRange)
			.orElse(null);
	}

	@Override
	public synchronized boolean isEmpty() {
		return this.tables.stream().allMatch(TableWork::allStarted);
	}

	private Callable<Long> startRange(TableWork table) {
		Manifest.Chunk chunk = table.waiting.poll();
		table.bytesWaiting -= chunk.bytes();
		table.running++;
		return () -> {
			long rows = this.work.load(table.table, chunk);
			ended(table);
			return rows;
		};
	}

	private synchronized void ended(TableWork table) {
		table.running--;
		table.loaded++;
	}

	private static final class TableWork {

		private final Manifest.TableEntry table;

		private final Deque<Manifest.Chunk> waiting;

		private final Optional<String> addIndexes;

		private final boolean oneRangeAtATime;

		private long bytesWaiting;

		private int running;

		private int loaded;

		private boolean indexesStarted;

		TableWork(Manifest.TableEntry table, Optional<String> addIndexes, boolean oneRangeAtATime) {
			this.table = table;
			this.waiting = new ArrayDeque<>(table.chunks());
			this.addIndexes = addIndexes;
			this.oneRangeAtATime = oneRangeAtATime;
			this.bytesWaiting = table.bytes();
		}

		boolean mayStartARange() {
			return !this.waiting.isEmpty() && !(this.oneRangeAtATime && this.running > 0);
		}

		boolean indexesMayStart() {
			return this.addIndexes.isPresent() && !this.indexesStarted && this.loaded == this.table.chunks().size();
		}

		boolean allStarted() {
			return this.waiting.isEmpty() && (this.addIndexes.isEmpty() || this.indexesStarted);
		}

	}

}
