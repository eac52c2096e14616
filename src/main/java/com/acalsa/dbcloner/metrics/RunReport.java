package com.acalsa.dbcloner.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import com.acalsa.dbcloner.backup.BackupStepConfiguration;
import com.acalsa.dbcloner.compare.CompareStepConfiguration;
import com.acalsa.dbcloner.emptycheck.EmptyCheckStepConfiguration;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.job.StepRows;
import com.acalsa.dbcloner.restore.RestoreStepConfiguration;
import com.acalsa.dbcloner.snapshot.Manifest;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * The figures one run publishes, derived after the fact from its job execution, the
 * manifest of its backup and the job's history: nothing is counted twice and no tasklet
 * is instrumented. Values, not meters: {@link LastRunGauges} turns them into gauges.
 *
 * @param job the Spring Batch job name
 * @param outcome {@value #SUCCESS} or the run's REF_BC code
 * @param failedStep the step that failed, or {@value #NO_STEP}
 * @param durationSeconds the job's duration
 * @param endedAt when the job ended
 * @param steps one entry per step that ran, in order
 * @param tables one entry per table of the run's backup; empty when the run made none
 * @param backupBytes the backup's size, or {@code null} when the run made none
 * @param snapshotLagSeconds from the source snapshot to the end of a successful
 * verification, or {@code null}
 * @param history the clone's history, or {@code null} for a run that does not make a
 * clone
 */
record RunReport(String job, String outcome, String failedStep, double durationSeconds, Instant endedAt,
		List<StepFigures> steps, List<TableFigures> tables, Long backupBytes, Double snapshotLagSeconds,
		RunHistory.Streak history) {

	static final String SUCCESS = "success";

	static final String NO_STEP = "none";

	/** The steps that read or write every byte of the backup when they complete. */
	private static final Set<String> STEPS_OVER_THE_BACKUP = Set.of(BackupStepConfiguration.STEP_NAME,
			EmptyCheckStepConfiguration.STEP_NAME, RestoreStepConfiguration.STEP_NAME,
			CompareStepConfiguration.STEP_NAME);

	/**
	 * One step's figures.
	 *
	 * @param step the step name
	 * @param seconds its duration
	 * @param rows the rows it wrote (the backup's, the restore's, the comparison's)
	 * @param bytes the backup bytes it moved, or {@code null} when it moved none or did
	 * not complete
	 */
	record StepFigures(String step, double seconds, long rows, Long bytes) {
	}

	/**
	 * One table of the backup.
	 *
	 * @param table the table name
	 * @param rows its rows
	 * @param bytes its compressed row file's size
	 */
	record TableFigures(String table, long rows, long bytes) {
	}

	/**
	 * The report of {@code execution}, once its listeners have set its final exit code.
	 * @param execution the ended job execution
	 * @param manifest the manifest of its backup, or {@code null}
	 * @param history the clone's history, or {@code null}
	 */
	static RunReport of(JobExecution execution, Manifest manifest, RunHistory.Streak history) {
		LocalDateTime end = (execution.getEndTime() != null) ? execution.getEndTime() : LocalDateTime.now();
		Instant endedAt = end.atZone(ZoneId.systemDefault()).toInstant();
		Long backupBytes = (manifest != null) ? manifest.tables().stream().mapToLong(Manifest.TableEntry::bytes).sum()
				: null;
		List<StepFigures> steps = execution.getStepExecutions()
			.stream()
			.map((step) -> stepFigures(step, backupBytes))
			.toList();
		List<TableFigures> tables = (manifest != null) ? manifest.tables()
			.stream()
			.map((table) -> new TableFigures(table.name(), table.rows(), table.bytes()))
			.toList() : List.of();
		boolean success = execution.getStatus() == BatchStatus.COMPLETED;
		Double lag = (success && manifest != null)
				? seconds(Duration.between(Instant.parse(manifest.snapshotAt()), endedAt)) : null;
		return new RunReport(execution.getJobInstance().getJobName(), success ? SUCCESS : code(execution),
				failedStep(execution), seconds(between(execution.getStartTime(), end)), endedAt, steps, tables,
				backupBytes, lag, history);
	}

	boolean succeeded() {
		return SUCCESS.equals(this.outcome);
	}

	private static StepFigures stepFigures(StepExecution step, Long backupBytes) {
		boolean movedTheBackup = step.getStatus() == BatchStatus.COMPLETED
				&& STEPS_OVER_THE_BACKUP.contains(step.getStepName());
		LocalDateTime end = (step.getEndTime() != null) ? step.getEndTime() : LocalDateTime.now();
		return new StepFigures(step.getStepName(), seconds(between(step.getStartTime(), end)), StepRows.of(step),
				movedTheBackup ? backupBytes : null);
	}

	/**
	 * The REF_BC code the job ended with; a job that ended otherwise (stopped, killed) is
	 * unexpected.
	 */
	private static String code(JobExecution execution) {
		return RefBc.ofCode(execution.getExitStatus().getExitCode()).orElse(RefBc.ERROR_UNEXPECTED).code();
	}

	private static String failedStep(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStatus().isUnsuccessful())
			.map(StepExecution::getStepName)
			.findFirst()
			.orElse(NO_STEP);
	}

	private static Duration between(LocalDateTime start, LocalDateTime end) {
		return (start != null) ? Duration.between(start, end) : Duration.ZERO;
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

}
