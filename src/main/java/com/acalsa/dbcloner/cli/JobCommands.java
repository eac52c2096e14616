package com.acalsa.dbcloner.cli;

import java.util.Optional;

import com.acalsa.dbcloner.history.BackupRetention;
import com.acalsa.dbcloner.history.HistoryPurge;
import com.acalsa.dbcloner.history.LockRefusals;
import com.acalsa.dbcloner.history.OrphanRecovery;
import com.acalsa.dbcloner.history.RestartPolicy;
import com.acalsa.dbcloner.history.RunChoice;
import com.acalsa.dbcloner.history.RunHistory;
import com.acalsa.dbcloner.history.RunJournal;
import com.acalsa.dbcloner.history.RunLock;
import com.acalsa.dbcloner.history.RunPair;
import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.Failure;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The commands that run a job: {@code clone}, {@code restart} and {@code verify}. Each
 * holds its pair's {@link RunLock} from before it looks at the history until after
 * retention, so one run at a time works on a source and clone; under the lock it first
 * recovers the executions a killed process left running. {@code clone} then applies the
 * {@link RestartPolicy}: a new job instance (source, clone and launch time, no secret) or
 * the restart of the pair's failed run.
 */
@Component
class JobCommands {

	private static final Logger logger = LoggerFactory.getLogger(JobCommands.class);

	private final JobOperator jobOperator;

	private final Job cloneJob;

	private final Job verifyJob;

	private final RunPair pair;

	private final CloneEndpoints endpoints;

	private final RunOperations operations;

	JobCommands(JobOperator jobOperator, @Qualifier("cloneJob") Job cloneJob, @Qualifier("verifyJob") Job verifyJob,
			CloneEndpoints endpoints, RunOperations operations) {
		this.jobOperator = jobOperator;
		this.cloneJob = cloneJob;
		this.verifyJob = verifyJob;
		this.endpoints = endpoints;
		this.pair = RunPair.of(endpoints);
		this.operations = operations;
	}

	Outcome cloneOnce() {
		try (RunLock lock = lock(this.cloneJob)) {
			this.operations.recovery().recover(this.pair, lock);
			RunChoice choice = this.operations.policy().choose(this.pair);
			logger.info("{}: {}", this.pair, choice.reason());
			this.operations.journal().note(choice.reason());
			JobExecution execution = (choice instanceof RunChoice.Resume resume) ? restart(resume.failed())
					: start(this.cloneJob);
			return finish(execution);
		}
	}

	Outcome restart(Optional<Long> executionId) {
		try (RunLock lock = lock(this.cloneJob)) {
			this.operations.recovery().recover(this.pair, lock);
			JobExecution failed = executionId.map(this::find)
				.orElseGet(() -> this.operations.policy()
					.latestFailed(this.pair)
					.orElseThrow(() -> new ClonerException(RefBc.ERROR_RESTART,
							"no failed run of " + this.pair + " to resume; run clone")));
			this.operations.policy().checkResumable(failed, this.pair);
			String reason = "resuming execution " + failed.getId() + " (" + failed.getExitStatus().getExitCode()
					+ ") on request (restart command)";
			logger.info("{}: {}", this.pair, reason);
			this.operations.journal().note(reason);
			return finish(restart(failed));
		}
	}

	Outcome verify() {
		try (RunLock lock = lock(this.verifyJob)) {
			return outcome(start(this.verifyJob));
		}
	}

	private RunLock lock(Job job) {
		try {
			return RunLock.acquire(this.endpoints);
		}
		catch (RunLock.RunLockedException ex) {
			throw this.operations.refusals().record(job.getName(), this.pair, ex);
		}
		catch (ClonerException ex) {
			throw this.operations.refusals().record(job.getName(), this.pair, ex);
		}
	}

	private JobExecution find(long executionId) {
		return this.operations.history()
			.find(executionId)
			.orElseThrow(() -> new ClonerException(RefBc.ERROR_RESTART,
					"there is no execution " + executionId + " in the job repository; see the history command"));
	}

	private JobExecution start(Job job) {
		try {
			return this.jobOperator.start(job, this.pair.newRunParameters());
		}
		catch (Exception ex) {
			throw new ClonerException(RefBc.ERROR_JOB_REPOSITORY,
					"the job could not be started: " + Failure.of(ex, RefBc.ERROR_JOB_REPOSITORY).cause(), ex);
		}
	}

	private JobExecution restart(JobExecution failed) {
		try {
			return this.jobOperator.restart(failed);
		}
		catch (Exception ex) {
			throw new ClonerException(RefBc.ERROR_RESTART, "execution " + failed.getId() + " could not be resumed: "
					+ Failure.of(ex, RefBc.ERROR_RESTART).cause(), ex);
		}
	}

	/**
	 * After a run, still under the lock: retention of backups and of the job repository's
	 * rows.
	 */
	private Outcome finish(JobExecution execution) {
		Outcome outcome = outcome(execution);
		this.operations.retention().apply();
		this.operations.purge().apply();
		return outcome;
	}

	private static Outcome outcome(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			logger.info("{} execution {} completed", execution.getJobInstance().getJobName(), execution.getId());
			return Outcome.success();
		}
		RefBc refBc = RefBc.ofCode(execution.getExitStatus().getExitCode()).orElse(RefBc.ERROR_UNEXPECTED);
		return Outcome.failure(new Failure(refBc,
				execution.getExitStatus().getExitDescription() + " (job execution " + execution.getId() + ")"));
	}

	/**
	 * The run-keeping parts a job command uses, grouped to keep the constructor readable.
	 */
	@Component
	record RunOperations(RunHistory history, OrphanRecovery recovery, RestartPolicy policy, RunJournal journal,
			LockRefusals refusals, BackupRetention retention, HistoryPurge purge) {

	}

}
