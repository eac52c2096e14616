package com.acalsa.dbcloner.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The cloner's own meters: gauges holding the last run's figures. A run is one process
 * and every run's push replaces the previous one in the Pushgateway, so counters and
 * {@code rate()} mean nothing across runs; each gauge states a fact about the last run.
 * Labels are bounded: outcome codes, step names and table names, never an execution id or
 * a time.
 */
public class LastRunGauges {

	/**
	 * 1 for the run's outcome: tag {@value #CODE} is {@code success} or the REF_BC code.
	 */
	static final String OUTCOME = "db.cloner.run.outcome";

	static final String SUCCESS = "db.cloner.run.success";

	static final String DURATION = "db.cloner.run.duration";

	static final String END = "db.cloner.run.end.timestamp";

	static final String STEP_DURATION = "db.cloner.step.duration";

	static final String STEP_ROWS = "db.cloner.step.rows";

	static final String STEP_BYTES = "db.cloner.step.bytes";

	static final String TABLE_ROWS = "db.cloner.table.rows";

	static final String TABLE_BYTES = "db.cloner.table.bytes";

	static final String BACKUP_SIZE = "db.cloner.backup.size";

	static final String SNAPSHOT_LAG = "db.cloner.snapshot.verification.lag";

	static final String LAST_VERIFIED = "db.cloner.last.verified.clone.timestamp";

	static final String CONSECUTIVE_FAILURES = "db.cloner.consecutive.failed.runs";

	static final String CODE = "code";

	static final String FAILED_STEP = "failed_step";

	static final String STEP = "step";

	static final String TABLE = "table";

	private static final String SECONDS = "seconds";

	private static final String BYTES = "bytes";

	private final MeterRegistry registry;

	private final List<Meter> published = new ArrayList<>();

	public LastRunGauges(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Replaces the gauges of any earlier run of this process with {@code report}'s.
	 * @param report the run's figures
	 */
	synchronized void publish(RunReport report) {
		this.published.forEach(this.registry::remove);
		this.published.clear();
		gauge(OUTCOME, "1 for the last run's outcome: success or its REF_BC code", null,
				Tags.of(CODE, report.outcome(), FAILED_STEP, report.failedStep()), 1);
		gauge(SUCCESS, "1 if the last run succeeded, 0 if it failed", null, Tags.empty(), report.succeeded() ? 1 : 0);
		gauge(DURATION, "Duration of the last run", SECONDS, Tags.empty(), report.durationSeconds());
		gauge(END, "When the last run ended", SECONDS, Tags.empty(), report.endedAt().toEpochMilli() / 1e3);
		for (RunReport.StepFigures step : report.steps()) {
			Tags tags = Tags.of(STEP, step.step());
			gauge(STEP_DURATION, "Duration of each step of the last run", SECONDS, tags, step.seconds());
			gauge(STEP_ROWS, "Rows each step of the last run wrote", null, tags, step.rows());
			if (step.bytes() != null) {
				gauge(STEP_BYTES, "Backup bytes each completed step of the last run moved", BYTES, tags, step.bytes());
			}
		}
		for (RunReport.TableFigures table : report.tables()) {
			Tags tags = Tags.of(TABLE, table.table());
			gauge(TABLE_ROWS, "Rows of each table in the last run's backup", null, tags, table.rows());
			gauge(TABLE_BYTES, "Size of each table's file in the last run's backup", BYTES, tags, table.bytes());
		}
		if (report.backupBytes() != null) {
			gauge(BACKUP_SIZE, "Size of the last run's backup", BYTES, Tags.empty(), report.backupBytes());
		}
		if (report.snapshotLagSeconds() != null) {
			gauge(SNAPSHOT_LAG, "From the source snapshot to the end of the last verification", SECONDS, Tags.empty(),
					report.snapshotLagSeconds());
		}
		if (report.history() != null) {
			RunHistory.Streak history = report.history();
			gauge(LAST_VERIFIED,
					"When the last verified clone was made; 0 if none among the last " + RunHistory.WINDOW + " runs",
					SECONDS, Tags.empty(),
					(history.lastSuccess() != null) ? history.lastSuccess().toEpochMilli() / 1e3 : 0);
			gauge(CONSECUTIVE_FAILURES, "Runs that failed in a row, the last run included", null, Tags.empty(),
					history.consecutiveFailures());
		}
	}

	/**
	 * Whether a run has been published: until then this process has nothing worth
	 * pushing.
	 */
	synchronized boolean hasPublished() {
		return !this.published.isEmpty();
	}

	private void gauge(String name, String description, String unit, Tags tags, double value) {
		Supplier<Number> constant = () -> value;
		this.published.add(Gauge.builder(name, constant)
			.description(description)
			.baseUnit(unit)
			.tags(tags)
			.strongReference(true)
			.register(this.registry));
	}

}
