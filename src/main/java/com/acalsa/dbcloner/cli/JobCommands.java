package com.acalsa.dbcloner.cli;

import java.time.LocalDateTime;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.Failure;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The commands that run a job: {@code clone} and {@code verify}. Each run is a new job instance, identified by the
 * source, the clone and the launch time (so a completed run never blocks the next one, spring-batch issue 4755),
 * and no parameter carries a user or a password.
 */
@Component
class JobCommands {

	static final String SOURCE = "source";

	static final String CLONE = "clone";

	static final String LAUNCHED = "launched";

	private static final Logger logger = LoggerFactory.getLogger(JobCommands.class);

	private final JobOperator jobOperator;

	private final Job cloneJob;

	private final Job verifyJob;

	private final CloneEndpoints endpoints;

	JobCommands(JobOperator jobOperator, @Qualifier("cloneJob") Job cloneJob, @Qualifier("verifyJob") Job verifyJob,
			CloneEndpoints endpoints) {
		this.jobOperator = jobOperator;
		this.cloneJob = cloneJob;
		this.verifyJob = verifyJob;
		this.endpoints = endpoints;
	}

	Outcome cloneOnce() {
		return run(this.cloneJob);
	}

	Outcome verify() {
		return run(this.verifyJob);
	}

	private Outcome run(Job job) {
		JobParameters parameters = new JobParametersBuilder().addString(SOURCE, this.endpoints.source().describe())
			.addString(CLONE, this.endpoints.describeClone())
			.addLocalDateTime(LAUNCHED, LocalDateTime.now())
			.toJobParameters();
		JobExecution execution;
		try {
			execution = this.jobOperator.start(job, parameters);
		}
		catch (Exception ex) {
			throw new ClonerException(RefBc.ERROR_JOB_REPOSITORY,
					"the job could not be started: " + Failure.of(ex, RefBc.ERROR_JOB_REPOSITORY).cause(), ex);
		}
		return outcome(execution);
	}

	private static Outcome outcome(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			logger.info("{} execution {} completed", execution.getJobInstance().getJobName(), execution.getId());
			return Outcome.success();
		}
		RefBc refBc = RefBc.ofCode(execution.getExitStatus().getExitCode()).orElse(RefBc.ERROR_UNEXPECTED);
		return Outcome.failure(new Failure(refBc, execution.getExitStatus().getExitDescription()
				+ " (job execution " + execution.getId() + ")"));
	}

}
