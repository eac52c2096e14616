package com.acalsa.dbcloner.job;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The workers of a step stay busy across calls: every task's result comes back once, a
 * long task does not hold the others back, and a failure comes back as what it was.
 */
class WorkerPipelineTests {

	@Test
	void everyTaskEndsOnceAcrossCalls() throws Exception {
		// given
		List<Callable<Integer>> tasks = IntStream.range(0, 25).mapToObj((i) -> (Callable<Integer>) () -> i).toList();
		List<Integer> ended = new ArrayList<>();
		int calls = 0;

		// when
		try (WorkerPipeline<Integer> pipeline = new WorkerPipeline<>(2, "test-worker",
				TaskSource.of(tasks.iterator()))) {
			while (pipeline.hasMore()) {
				ended.addAll(pipeline.advance());
				calls++;
			}
			assertThat(pipeline.advance()).isEmpty();
		}

		// then
		assertThat(ended).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 25).boxed().toList());
		assertThat(calls).isBetween(1, 25);
	}

	@Test
	void aLongTaskDoesNotHoldBackTheTasksAfterIt() throws Exception {
		// given: the first task ends only once all the later ones have, which a batch
		// of tasks per call would never let happen
		int later = 7;
		CountDownLatch laterEnded = new CountDownLatch(later);
		List<Callable<String>> tasks = new ArrayList<>();
		tasks.add(() -> laterEnded.await(30, TimeUnit.SECONDS) ? "long" : "timed out");
		for (int i = 0; i < later; i++) {
			tasks.add(() -> {
				laterEnded.countDown();
				return "short";
			});
		}
		List<String> ended = new ArrayList<>();

		// when
		try (WorkerPipeline<String> pipeline = new WorkerPipeline<>(2, "test-worker",
				TaskSource.of(tasks.iterator()))) {
			while (pipeline.hasMore()) {
				ended.addAll(pipeline.advance());
			}
		}

		// then
		assertThat(ended).hasSize(later + 1).endsWith("long").doesNotContain("timed out");
	}

	@Test
	void theFirstFailureComesBackAsWhatItWas() {
		// given
		List<Callable<Integer>> tasks = List.of(() -> 1, () -> {
			throw new SQLException("Access denied", "28000", 1045);
		}, () -> 3);

		// when / then
		try (WorkerPipeline<Integer> pipeline = new WorkerPipeline<>(2, "test-worker",
				TaskSource.of(tasks.iterator()))) {
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> {
				while (pipeline.hasMore()) {
					pipeline.advance();
				}
			}).satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1045));
		}
	}

}
