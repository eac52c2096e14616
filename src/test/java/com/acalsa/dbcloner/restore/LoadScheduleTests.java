package com.acalsa.dbcloner.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import com.acalsa.dbcloner.mysql.KeyRange;
import com.acalsa.dbcloner.mysql.TableColumn;
import com.acalsa.dbcloner.snapshot.Manifest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restore's order of work: biggest table first, one range at a time where loads would
 * lock each other out, a table's indexes only once all its rows are in.
 */
class LoadScheduleTests {

	private final List<String> done = new ArrayList<>();

	private final LoadSchedule.Work work = new LoadSchedule.Work() {

		@Override
		public long load(Manifest.TableEntry table, Manifest.Chunk chunk) {
			LoadScheduleTests.this.done.add(chunk.file());
			return chunk.rows();
		}

		@Override
		public void execute(String sql) {
			LoadScheduleTests.this.done.add(sql);
		}

	};

	@Test
	void theTableWithTheMostBytesLeftGoesFirstAndItsIndexesOnlyAfterItsLastRange() throws Exception {
		// given
		LoadSchedule schedule = new LoadSchedule(List.of(table("small", 2, 10), table("big", 3, 100)),
				Map.of("big", "index big", "small", "index small"), (table) -> false, this.work);

		// when: each task runs as soon as it is handed out
		while (!schedule.isEmpty()) {
			schedule.next().call();
		}

		// then: big (300 bytes) until it has less left than small (20 bytes)
		assertThat(this.done).containsExactly("big-1", "big-2", "big-3", "index big", "small-1", "small-2",
				"index small");
	}

	@Test
	void aTableThatTakesOneRangeAtATimeLetsTheOtherWorkersLoadOtherTables() throws Exception {
		// given
		LoadSchedule schedule = new LoadSchedule(List.of(table("autoinc", 3, 100), table("other", 2, 10)),
				Map.of("autoinc", "index autoinc"), (table) -> table.name().equals("autoinc"), this.work);

		// when: two tasks handed out before either runs
		Callable<Long> first = schedule.next();
		Callable<Long> second = schedule.next();
		Callable<Long> third = schedule.next();
		Callable<Long> heldBack = schedule.next();
		first.call();
		Callable<Long> afterFirst = schedule.next();

		// then
		assertThat(heldBack).isNull();
		second.call();
		third.call();
		assertThat(this.done).containsExactly("autoinc-1", "other-1", "other-2");
		afterFirst.call();
		assertThat(this.done).endsWith("autoinc-2");
		assertThat(schedule.isEmpty()).isFalse();
	}

	@Test
	void indexesWaitForTheRangesStillRunning() throws Exception {
		// given
		LoadSchedule schedule = new LoadSchedule(List.of(table("t", 2, 10)), Map.of("t", "index t"), (table) -> false,
				this.work);

		// when
		Callable<Long> one = schedule.next();
		Callable<Long> two = schedule.next();
		Callable<Long> beforeLoaded = schedule.next();
		one.call();
		Callable<Long> oneStillRunning = schedule.next();
		two.call();
		Callable<Long> indexes = schedule.next();

		// then
		assertThat(beforeLoaded).isNull();
		assertThat(oneStillRunning).isNull();
		assertThat(schedule.isEmpty()).isTrue();
		indexes.call();
		assertThat(this.done).containsExactly("t-1", "t-2", "index t");
	}

	private static Manifest.TableEntry table(String name, int ranges, long bytesPerRange) {
		return new Manifest.TableEntry(name, "CREATE TABLE " + name, List.of(new TableColumn("id", "int", false, true)),
				List.of("id"),
				IntStream.rangeClosed(1, ranges)
					.mapToObj((i) -> new Manifest.Chunk(name + "-" + i, KeyRange.ALL, 1, bytesPerRange, "00", "1:1", 1,
							"(id=" + i + ")"))
					.toList());
	}

}
