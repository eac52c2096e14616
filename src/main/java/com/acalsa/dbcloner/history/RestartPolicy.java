package com.acalsa.dbcloner.history;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import com.acalsa.dbcloner.backup.BackupStepConfiguration;
import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.CloneJobConfiguration;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.snapshot.BackupDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Decides what a run does about the previous failure of its pair. The scheduled
 * {@code clone} resumes the newest run of the same source and clone when it failed (or
 * was stopped) and its backup is whole and younger than {@code cloner.restart.max-age};
 * otherwise it starts afresh, and a failed run it passes over is abandoned so that nobody
 * resumes it later on a stale backup. Runs of other pairs are never considered.
 */
@Component
public class RestartPolicy {

	private static final Logger logger = LoggerFactory.getLogger(RestartPolicy.class);

	private static final int SCAN = 20;

	private final RunHistory history;

	private final RestartProperties properties;

	private final JobOperator jobOperator;

	RestartPolicy(RunHistory history, RestartProperties properties, JobOperator jobOperator) {
		this.history = history;
		this.properties = properties;
		this.jobOperator = jobOperator;
	}

	public RunChoice choose(RunPair pair) {
		Optional<JobExecution> latest = latestRun(pair);
		if (latest.isEmpty() || !isFailed(latest.get())) {
			return new RunChoice.Fresh(latest
				.map((run) -> "the previous run of " + pair + ", execution " + run.getId() + ", ended "
						+ run.getStatus())
				.orElse("no previous run of " + pair));
		}
		JobExecution failed = latest.get();
		Optional<String> refusal = whyNotResumable(failed, pair);
		Duration age = backupAge(failed);
		if (refusal.isEmpty() && age.compareTo(this.properties.maxAge()) > 0) {
			refusal = Optional.of("its backup is " + age.toMinutes() + " min old, older than cloner.restart.max-age ("
					+ this.properties.maxAge().toMinutes() + " min)");
		}
		if (refusal.isPresent()) {
			abandon(failed);
			return new RunChoice.Fresh("failed execution " + failed.getId() + " is not resumed: " + refusal.get());
		}
		return new RunChoice.Resume(failed,
				"resuming failed execution " + failed.getId() + " (" + failed.getExitStatus().getExitCode()
						+ ") at the step that failed; its backup is " + age.toMinutes() + " min old");
	}

	/** The newest failed run of {@code pair} that a restart may resume. */
	public Optional<JobExecution> latestFailed(RunPair pair) {
		return this.history.cloneRunsOf(pair, SCAN)
			.stream()
			.filter(RestartPolicy::isFailed)
			.filter((run) -> !run.getStepExecutions().isEmpty())
			.findFirst();
	}

	/**
	 * Refuses, with {@link RefBc#ERROR_RESTART} and the reason, an execution that cannot
	 * be resumed.
	 */
	public void checkResumable(JobExecution execution, RunPair pair) {
		if (!isFailed(execution)) {
			throw new ClonerException(RefBc.ERROR_RESTART, "execution " + execution.getId() + " ended "
					+ execution.getStatus() + "; only a FAILED or STOPPED run can be resumed");
		}
		whyNotResumable(execution, pair).ifPresent((reason) -> {
			throw new ClonerException(RefBc.ERROR_RESTART,
					"execution " + execution.getId() + " cannot be resumed: " + reason);
		});
	}

	private Optional<String> whyNotResumable(JobExecution execution, RunPair pair) {
		if (!CloneJobConfiguration.CLONE_JOB.equals(execution.getJobInstance().getJobName())) {
			return Optional.of("it is a run of " + execution.getJobInstance().getJobName() + "; run verify again");
		}
		if (!pair.owns(execution)) {
			return Optional.of("it cloned " + RunPair.of(execution) + " but this process is configured for " + pair
					+ "; set cloner.source.* and cloner.target.* to its pair");
		}
		if (execution.getStepExecutions().isEmpty()) {
			return Optional.of("it never ran a step (" + execution.getExitStatus().getExitCode() + ")");
		}
		if (!this.history.isLastOfItsInstance(execution)) {
			return Optional.of("it was already resumed by a later execution of the same run");
		}
		if (backupStep(execution).map((step) -> step.getStatus() == BatchStatus.COMPLETED).orElse(false)) {
			// the restart skips the backup step and reads the backup it wrote
			BackupDirectory backup = backupOf(execution);
			if (backup == null || !backup.isComplete()) {
				return Optional.of("its backup " + ((backup != null) ? backup : "") + " has been removed; run clone "
						+ "to take a new one");
			}
		}
		return Optional.empty();
	}

	private Optional<JobExecution> latestRun(RunPair pair) {
		// a run refused by the lock never ran a step: it is no one's previous run
		List<JobExecution> runs = this.history.cloneRunsOf(pair, SCAN);
		return runs.stream().filter((run) -> !run.getStepExecutions().isEmpty()).findFirst();
	}

	private void abandon(JobExecution failed) {
		try {
			this.jobOperator.abandon(failed);
			logger.info("Abandoned execution {}: it will not be resumed and its backup may be removed", failed.getId());
		}
		catch (Exception ex) {
			logger.warn("Could not abandon execution {}: {}", failed.getId(), ex.getMessage());
		}
	}

	static boolean isFailed(JobExecution execution) {
		return execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.STOPPED;
	}

	static BackupDirectory backupOf(JobExecution execution) {
		String dir = execution.getExecutionContext().getString(BackupDirectory.CONTEXT_KEY, null);
		return (dir != null) ? new BackupDirectory(Path.of(dir)) : null;
	}

	/**
	 * How old the backup is: since its step started, when the snapshot was taken. Unknown
	 * counts as too old.
	 */
	private Duration backupAge(JobExecution execution) {
		return backupStep(execution).map(StepExecution::getStartTime)
			.map((start) -> Duration.between(start, LocalDateTime.now()))
			.orElse(Duration.ofDays(365));
	}

	/**
	 * The backup step of the whole run: a restarted execution does not repeat it, its
	 * instance has it.
	 */
	private Optional<StepExecution> backupStep(JobExecution execution) {
		return this.history.lastStepOfRun(execution, BackupStepConfiguration.STEP_NAME);
	}

}
