package com.acalsa.dbcloner.history;

import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * Records a run that did not start because another run of its pair holds the lock (or the
 * lock could not be taken at all): a job execution of its own, FAILED with
 * {@link RefBc#ERROR_LOCKED} (or the failure's code) and no step, naming the execution
 * that holds the lock, so that the history shows every launch. Such a record is never
 * resumed.
 */
@Component
public class LockRefusals {

	private final JobRepository jobRepository;

	private final RunHistory history;

	LockRefusals(JobRepository jobRepository, RunHistory history) {
		this.jobRepository = jobRepository;
		this.history = history;
	}

	/**
	 * Records the refusal and returns the failure to end the command with.
	 * @param jobName the job the refused command would have run
	 */
	public ClonerException record(String jobName, RunPair pair, RunLock.RunLockedException locked) {
		String holders = describeHolders(pair, locked);
		JobExecution refused = recordFailure(jobName, pair, RefBc.ERROR_LOCKED, "another run holds the lock");
		String cause = "another run of " + pair + " holds its lock: " + holders + "; this run (execution "
				+ refused.getId() + ") did not start";
		refused.setExitStatus(new ExitStatus(RefBc.ERROR_LOCKED.code(), cause));
		this.jobRepository.update(refused);
		return new ClonerException(RefBc.ERROR_LOCKED, cause);
	}

	/**
	 * Records a run that could not even take the lock (the target refused the
	 * connection), with its failure.
	 */
	public ClonerException record(String jobName, RunPair pair, ClonerException failure) {
		recordFailure(jobName, pair, failure.refBc(), failure.getMessage());
		return failure;
	}

	private JobExecution recordFailure(String jobName, RunPair pair, RefBc refBc, String cause) {
		JobParameters parameters = pair.newRunParameters();
		JobInstance instance = this.jobRepository.createJobInstance(jobName, parameters);
		JobExecution refused = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		LocalDateTime now = LocalDateTime.now();
		refused.setStartTime(now);
		refused.setEndTime(now);
		refused.setStatus(BatchStatus.FAILED);
		refused.setExitStatus(new ExitStatus(refBc.code(), cause));
		this.jobRepository.update(refused);
		return refused;
	}

	private String describeHolders(RunPair pair, RunLock.RunLockedException locked) {
		List<JobExecution> running = this.history.running(pair);
		String connection = locked.holder().isPresent() ? " (connection " + locked.holder().getAsLong() + ")" : "";
		if (running.isEmpty()) {
			return "a run that has not recorded its execution yet" + connection;
		}
		return running.stream()
			.map((execution) -> "execution " + execution.getId() + " started " + execution.getStartTime())
			.collect(Collectors.joining(", ")) + connection;
	}

}
