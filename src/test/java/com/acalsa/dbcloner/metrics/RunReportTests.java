package com.acalsa.dbcloner.metrics;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import com.acalsa.dbcloner.mysql.KeyRange;
import com.acalsa.dbcloner.mysql.TableColumn;
import com.acalsa.dbcloner.snapshot.Manifest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures a run publishes, derived from a job execution and a manifest built in
 * memory.
 */
class RunReportTests {

	private static final LocalDateTime START = LocalDateTime.of(2026, 1, 5, 10, 0, 0);

	private static final Manifest MANIFEST = new Manifest(Manifest.FORMAT_VERSION, "db:3306/shop", "shop", "utf8mb4",
			"utf8mb4_general_ci", "10.11", START.atZone(ZoneId.systemDefault()).toInstant().minusSeconds(2).toString(),
			List.of(table("customer", 1000, 18000), table("product", 100, 9000)), List.of());

	@Test
	void aSuccessfulRunReportsEveryStepTheBackupAndTheLagFromTheSnapshot() {
		// given
		JobExecution execution = execution(BatchStatus.COMPLETED, ExitStatus.COMPLETED);
		step(execution, 1, "backup", BatchStatus.COMPLETED, 1100, 3);
		step(execution, 2, "createDb", BatchStatus.COMPLETED, 0, 1);
		step(execution, 3, "compare", BatchStatus.COMPLETED, 1100, 4);
		execution.setEndTime(START.plusSeconds(8));

		// when
		RunReport report = RunReport.of(execution, MANIFEST, new RunHistory.Streak(0, Instant.EPOCH));

		// then
		assertThat(report.outcome()).isEqualTo("success");
		assertThat(report.failedStep()).isEqualTo("none");
		assertThat(report.durationSeconds()).isEqualTo(8.0);
		assertThat(report.backupBytes()).isEqualTo(27000);
		assertThat(report.snapshotLagSeconds()).isEqualTo(10.0);
		assertThat(report.steps()).containsExactly(new RunReport.StepFigures("backup", 3.0, 1100, 27000L),
				new RunReport.StepFigures("createDb", 1.0, 0, null),
				new RunReport.StepFigures("compare", 4.0, 1100, 27000L));
		assertThat(report.tables()).containsExactly(new RunReport.TableFigures("customer", 1000, 18000),
				new RunReport.TableFigures("product", 100, 9000));
	}

	@Test
	void aFailedRunReportsItsRefBcCodeAndFailedStepAndNoBytesForTheStepThatFailed() {
		// given
		JobExecution execution = execution(BatchStatus.FAILED, new ExitStatus("REF_BC_004", "restore failed"));
		step(execution, 1, "backup", BatchStatus.COMPLETED, 1100, 3);
		step(execution, 2, "restore", BatchStatus.FAILED, 400, 2);
		execution.setEndTime(START.plusSeconds(5));

		// when
		RunReport report = RunReport.of(execution, MANIFEST, new RunHistory.Streak(2, null));

		// then
		assertThat(report.outcome()).isEqualTo("REF_BC_004");
		assertThat(report.failedStep()).isEqualTo("restore");
		assertThat(report.snapshotLagSeconds()).isNull();
		assertThat(report.steps()).extracting(RunReport.StepFigures::bytes).containsExactly(27000L, null);
		assertThat(report.steps()).extracting(RunReport.StepFigures::rows).containsExactly(1100L, 400L);
	}

	@Test
	void aRunThatEndedWithoutARefBcCodeIsReportedAsUnexpected() {
		// given
		JobExecution execution = execution(BatchStatus.STOPPED, ExitStatus.STOPPED);

		// when
		RunReport report = RunReport.of(execution, null, null);

		// then
		assertThat(report.outcome()).isEqualTo("REF_BC_009");
		assertThat(report.backupBytes()).isNull();
		assertThat(report.tables()).isEmpty();
	}

	@Test
	void gaugesHoldOnlyTheLastRunOfTheProcess() {
		// given
		MeterRegistry registry = new SimpleMeterRegistry();
		LastRunGauges gauges = new LastRunGauges(registry);
		JobExecution failed = execution(BatchStatus.FAILED, new ExitStatus("REF_BC_001", "denied"));
		step(failed, 1, "backup", BatchStatus.FAILED, 0, 1);
		JobExecution succeeded = execution(BatchStatus.COMPLETED, ExitStatus.COMPLETED);
		step(succeeded, 2, "backup", BatchStatus.COMPLETED, 1100, 3);

		// when
		gauges.publish(RunReport.of(failed, null, new RunHistory.Streak(1, null)));
		gauges.publish(RunReport.of(succeeded, MANIFEST, new RunHistory.Streak(0, Instant.ofEpochSecond(1000))));

		// then
		assertThat(registry.find(LastRunGauges.OUTCOME).gauges()).singleElement()
			.satisfies((gauge) -> assertThat(gauge.getId().getTag("code")).isEqualTo("success"));
		assertThat(registry.get(LastRunGauges.LAST_VERIFIED).gauge().value()).isEqualTo(1000.0);
		assertThat(registry.get(LastRunGauges.CONSECUTIVE_FAILURES).gauge().value()).isZero();
		assertThat(registry.get(LastRunGauges.TABLE_ROWS).tag("table", "customer").gauge().value()).isEqualTo(1000.0);
		assertThat(gauges.hasPublished()).isTrue();
	}

	@Test
	void noRunPublishedMeansNothingToPush() {
		assertThat(new LastRunGauges(new SimpleMeterRegistry()).hasPublished()).isFalse();
	}

	private static JobExecution execution(BatchStatus status, ExitStatus exitStatus) {
		JobExecution execution = new JobExecution(7, new JobInstance(3, "cloneJob"), new JobParameters());
		execution.setStartTime(START);
		execution.setStatus(status);
		execution.setExitStatus(exitStatus);
		return execution;
	}

	private static void step(JobExecution execution, long id, String name, BatchStatus status, long rows, int seconds) {
		StepExecution step = new StepExecution(id, name, execution);
		LocalDateTime start = execution.getStepExecutions()
			.stream()
			.map(StepExecution::getEndTime)
			.reduce((first, second) -> second)
			.orElse(START);
		step.setStartTime(start);
		step.setEndTime(start.plusSeconds(seconds));
		step.setStatus(status);
		step.setWriteCount(rows);
		execution.addStepExecution(step);
	}

	private static Manifest.TableEntry table(String name, long rows, long bytes) {
		return new Manifest.TableEntry(name, "CREATE TABLE " + name,
				List.of(new TableColumn("id", "int", false, false)), List.of("id"),
				List.of(new Manifest.Chunk(name + "-1.tsv.zst", KeyRange.ALL, rows - 1, bytes - 1, "00", "1:1", 10,
						"(id=1)"),
						new Manifest.Chunk(name + "-2.tsv.zst", KeyRange.ALL, 1, 1, "00", "1:1", 10, "(id=2)")));
	}

}
