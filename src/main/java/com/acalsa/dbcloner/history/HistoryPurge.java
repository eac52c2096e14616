package com.acalsa.dbcloner.history;

import java.time.LocalDateTime;
import java.util.List;

import com.acalsa.dbcloner.job.CloneJobConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.NoSuchJobException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Deletes from the job repository the runs (job instances, with their executions, steps
 * and contexts) whose last execution ended more than {@code cloner.history.max-age} ago,
 * oldest first, so that 288 runs a day do not grow it forever. A run that is still going
 * is never deleted.
 */
@Component
public class HistoryPurge {

	private static final Logger logger = LoggerFactory.getLogger(HistoryPurge.class);

	private static final int PAGE = 50;

	private final JobRepository jobRepository;

	private final HistoryProperties properties;

	HistoryPurge(JobRepository jobRepository, HistoryProperties properties) {
		this.jobRepository = jobRepository;
		this.properties = properties;
	}

	/** Purges both jobs' old runs; returns how many were deleted. */
	public int apply() {
		LocalDateTime cutoff = LocalDateTime.now().minus(this.properties.maxAge());
		int deleted = purge(CloneJobConfiguration.CLONE_JOB, cutoff) + purge(CloneJobConfiguration.VERIFY_JOB, cutoff);
		if (deleted > 0) {
			logger.info("Purged {} runs that ended before {} from the job repository", deleted, cutoff);
		}
		return deleted;
	}

	private int purge(String jobName, LocalDateTime cutoff) {
		int deleted = 0;
		while (true) {
			long count = count(jobName);
			// instances come newest first: the last page holds the oldest
			List<JobInstance> oldest = this.jobRepository.getJobInstances(jobName, (int) Math.max(0, count - PAGE),
					PAGE);
			int deletedNow = 0;
			for (int i = oldest.size() - 1; i >= 0; i--) {
				JobInstance instance = oldest.get(i);
				if (!isOlderThan(instance, cutoff)) {
					return deleted + deletedNow;
				}
				this.jobRepository.deleteJobInstance(instance);
				deletedNow++;
			}
			deleted += deletedNow;
			if (deletedNow == 0 || oldest.size() < PAGE) {
				return deleted;
			}
		}
	}

	private boolean isOlderThan(JobInstance instance, LocalDateTime cutoff) {
		JobExecution last = this.jobRepository.getLastJobExecution(instance);
		if (last == null) {
			return false;
		}
		LocalDateTime ended = (last.getEndTime() != null) ? last.getEndTime() : last.getCreateTime();
		return !last.getStatus().isRunning() && ended.isBefore(cutoff);
	}

	private long count(String jobName) {
		try {
			return this.jobRepository.getJobInstanceCount(jobName);
		}
		catch (NoSuchJobException ex) {
			return 0;
		}
	}

}
