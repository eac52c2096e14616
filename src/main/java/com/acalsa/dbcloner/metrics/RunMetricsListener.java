package com.acalsa.dbcloner.metrics;

import java.nio.file.Path;

import com.acalsa.dbcloner.job.CloneJobConfiguration;
import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Publishes a run's figures when its job ends, success or failure: per step from the step
 * executions, per table from the backup's manifest, and the clone's streak from the job
 * repository. Register it before the listener that sets the REF_BC exit code:
 * {@code afterJob} callbacks run in reverse order, so it then sees the final code.
 * Metrics never fail a run: any problem here is logged once and the run's outcome stands.
 */
public class RunMetricsListener implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(RunMetricsListener.class);

	private final LastRunGauges gauges;

	private final RunHistory history;

	RunMetricsListener(LastRunGauges gauges, RunHistory history) {
		this.gauges = gauges;
		this.history = history;
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		try {
			boolean makesAClone = CloneJobConfiguration.CLONE_JOB.equals(jobExecution.getJobInstance().getJobName());
			RunReport report = RunReport.of(jobExecution, manifestOf(jobExecution),
					makesAClone ? this.history.streakEndingWith(jobExecution) : null);
			this.gauges.publish(report);
			logger.debug("Run metrics: {}", report);
		}
		catch (RuntimeException ex) {
			logger.warn("The metrics of job execution {} could not be recorded ({}); the run's outcome stands",
					jobExecution.getId(), ex.toString());
		}
	}

	private static Manifest manifestOf(JobExecution jobExecution) {
		String dir = jobExecution.getExecutionContext().getString(BackupDirectory.CONTEXT_KEY, null);
		if (dir == null) {
			return null;
		}
		BackupDirectory backup = new BackupDirectory(Path.of(dir));
		return backup.isComplete() ? backup.readManifest() : null;
	}

}
