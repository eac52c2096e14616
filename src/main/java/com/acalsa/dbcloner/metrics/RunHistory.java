package com.acalsa.dbcloner.metrics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The two figures only the job repository knows, because each run is a new process: how
 * many runs of this clone failed in a row, and when the last one succeeded (a clone
 * restored and verified). Reads back at most {@value #WINDOW} runs of the same job and
 * source, newest first, and stops at the first success.
 */
class RunHistory {

	/**
	 * The identifying job parameter every run carries: the source's
	 * {@code host:port/database}.
	 */
	static final String SOURCE_PARAMETER = "source";

	/**
	 * About four hours of runs every five minutes: far beyond what any alert waits for.
	 */
	static final int WINDOW = 50;

	private final JobRepository jobRepository;

	RunHistory(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/**
	 * The streak that {@code current} (ended, not necessarily saved with its final exit
	 * code) ends.
	 * @param current the run that just ended
	 * @return its streak
	 */
	Streak streakEndingWith(JobExecution current) {
		if (current.getStatus() == BatchStatus.COMPLETED) {
			return new Streak(0, endOf(current));
		}
		String source = current.getJobParameters().getString(SOURCE_PARAMETER);
		int failed = 1;
		for (JobInstance instance : this.jobRepository.getJobInstances(current.getJobInstance().getJobName(), 0,
				WINDOW)) {
			if (instance.getInstanceId() == current.getJobInstance().getInstanceId()) {
				continue;
			}
			JobExecution last = this.jobRepository.getLastJobExecution(instance);
			if (last == null || !Objects.equals(source, last.getJobParameters().getString(SOURCE_PARAMETER))) {
				continue;
			}
			if (last.getStatus() == BatchStatus.COMPLETED) {
				return new Streak(failed, endOf(last));
			}
			// FAILED, STOPPED, ABANDONED, or STARTED forever because its pod was killed:
			// not a verified clone
			failed++;
		}
		return new Streak(failed, null);
	}

	/**
	 * Whole seconds: the job repository may keep no more (DATETIME without fraction), and
	 * a run reads it back.
	 */
	private static Instant endOf(JobExecution execution) {
		Instant end = (execution.getEndTime() != null)
				? execution.getEndTime().atZone(ZoneId.systemDefault()).toInstant() : Instant.now();
		return end.truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * Where a clone's history stands after a run.
	 *
	 * @param consecutiveFailures the failed runs since the last success (the current one
	 * included); at most {@value #WINDOW}
	 * @param lastSuccess the end of the last successful run, or {@code null} when none is
	 * among the last {@value #WINDOW}
	 */
	record Streak(int consecutiveFailures, Instant lastSuccess) {
	}

}
