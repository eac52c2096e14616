package com.acalsa.dbcloner.history;

import java.util.List;

import com.acalsa.dbcloner.job.RefBc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Marks FAILED the executions of a pair that a killed process left STARTED. It runs only
 * while this process holds the pair's {@link RunLock}: every run holds that lock for as
 * long as it lives, so an execution of the pair that still shows as running has lost its
 * owner. Each gets {@link RefBc#ERROR_INTERRUPTED} and says so, through
 * {@link JobOperator#recover(JobExecution)}; the restart policy then applies to it like
 * to any failed run.
 */
@Component
public class OrphanRecovery {

	private static final Logger logger = LoggerFactory.getLogger(OrphanRecovery.class);

	private final RunHistory history;

	private final JobOperator jobOperator;

	OrphanRecovery(RunHistory history, JobOperator jobOperator) {
		this.history = history;
		this.jobOperator = jobOperator;
	}

	/**
	 * Recovers the running executions of {@code pair}.
	 * @param lock the pair's lock, held by the caller: the proof that no other process
	 * owns them
	 * @return the recovered executions
	 */
	public List<JobExecution> recover(RunPair pair, RunLock lock) {
		List<JobExecution> orphans = this.history.running(pair);
		for (JobExecution orphan : orphans) {
			String cause = "its process ended before the run did (killed, out of memory or its pod deleted): "
					+ "nobody held the run lock " + lock.name() + " any more; marked failed by a later run";
			ExitStatus exitStatus = new ExitStatus(RefBc.ERROR_INTERRUPTED.code(), cause);
			for (StepExecution step : orphan.getStepExecutions()) {
				if (step.getStatus().isRunning()) {
					step.setExitStatus(exitStatus);
				}
			}
			orphan.setExitStatus(exitStatus);
			this.jobOperator.recover(orphan);
			logger.warn("Recovered execution {} of {}, left {} by a process that is gone: now FAILED ({})",
					orphan.getId(), pair, "STARTED", RefBc.ERROR_INTERRUPTED.code());
		}
		return orphans;
	}

}
