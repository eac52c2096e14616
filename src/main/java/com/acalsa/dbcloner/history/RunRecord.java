package com.acalsa.dbcloner.history;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

import com.acalsa.dbcloner.job.StepRows;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * One execution as the {@code history} command shows it, table or JSON: what ran, when,
 * how it ended (status, REF_BC code and cause, the step that failed), how much each step
 * did, and whether it resumed another execution.
 *
 * @param id the job execution id
 * @param job {@code cloneJob} or {@code verifyJob}
 * @param source {@code host:port/database} of the source
 * @param target {@code host:port/clone}, the clone
 * @param start when it started (local time of the process that ran it), or {@code null}
 * @param end when it ended, or {@code null} while running
 * @param seconds how long it ran, or {@code null}
 * @param status Spring Batch's status: COMPLETED, FAILED, STOPPED, ABANDONED, STARTED...
 * @param exitCode {@code COMPLETED} or the REF_BC code
 * @param cause the plain cause of a failure, or {@code null}
 * @param failedStep the step that failed or stopped, or {@code null}
 * @param restartOf the execution this one resumed, or {@code null} for a first run
 * @param choice why it started afresh or resumed, as the scheduled run decided
 * @param backupBytes the size of its backup on disk, when known
 * @param steps its steps, in the order they ran
 */
public record RunRecord(long id, String job, String source, String target, String start, String end, Long seconds,
		String status, String exitCode, String cause, String failedStep, Long restartOf, String choice,
		Long backupBytes, List<StepRecord> steps) {

	/**
	 * One step of an execution.
	 *
	 * @param name the step's name
	 * @param status its status
	 * @param exitCode {@code COMPLETED} or its REF_BC code
	 * @param rows the table rows the step handled ({@link StepRows})
	 * @param seconds how long it ran, or {@code null}
	 * @param cause the plain cause of its failure, or {@code null}
	 */
	public record StepRecord(String name, String status, String exitCode, long rows, Long seconds, String cause) {

		static StepRecord of(StepExecution step) {
			boolean ok = step.getStatus() == BatchStatus.COMPLETED;
			return new StepRecord(step.getStepName(), step.getStatus().name(), step.getExitStatus().getExitCode(),
					StepRows.of(step), secondsBetween(step.getStartTime(), step.getEndTime()),
					ok ? null : emptyToNull(step.getExitStatus().getExitDescription()));
		}

	}

	static RunRecord of(JobExecution execution, Long restartOf) {
		List<StepRecord> steps = execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparing(StepExecution::getId))
			.map(StepRecord::of)
			.toList();
		String failedStep = steps.stream()
			.filter((step) -> !step.status().equals(BatchStatus.COMPLETED.name()))
			.map(StepRecord::name)
			.findFirst()
			.orElse(null);
		RunPair pair = RunPair.of(execution);
		boolean ok = execution.getStatus() == BatchStatus.COMPLETED;
		var context = execution.getExecutionContext();
		return new RunRecord(execution.getId(), execution.getJobInstance().getJobName(), pair.source(), pair.target(),
				text(execution.getStartTime()), text(execution.getEndTime()),
				secondsBetween(execution.getStartTime(), execution.getEndTime()), execution.getStatus().name(),
				execution.getExitStatus().getExitCode(),
				ok ? null : emptyToNull(execution.getExitStatus().getExitDescription()), failedStep, restartOf,
				context.getString(RunJournal.CHOICE_KEY, null),
				context.containsKey(RunJournal.BACKUP_BYTES_KEY) ? context.getLong(RunJournal.BACKUP_BYTES_KEY) : null,
				steps);
	}

	/**
	 * Always with seconds: {@code LocalDateTime.toString()} drops them when they are
	 * zero.
	 */
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	private static String text(LocalDateTime time) {
		return (time != null) ? TIME.format(time) : null;
	}

	private static Long secondsBetween(LocalDateTime start, LocalDateTime end) {
		return (start != null && end != null) ? Duration.between(start, end).toSeconds() : null;
	}

	private static String emptyToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

}
