package com.acalsa.dbcloner.job;

import com.acalsa.dbcloner.credentials.DecryptedCredentials;
import com.acalsa.dbcloner.metrics.RunMetricsListener;
import com.acalsa.dbcloner.history.RunJournal;
import com.acalsa.dbcloner.history.StopOnSignal;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.SourceProperties;
import com.acalsa.dbcloner.mysql.TargetProperties;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two jobs, as step order only. {@code cloneJob}: backup → emptyCheck → createDb →
 * restore → compare; the first failed step ends the run with its REF_BC code.
 * {@code verifyJob}: compare alone, against the snapshot the clone was restored from.
 * Both record their run for the history and stop gracefully on SIGTERM
 * ({@code history/}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SourceProperties.class, TargetProperties.class, WorkerProperties.class })
public class CloneJobConfiguration {

	public static final String CLONE_JOB = "cloneJob";

	public static final String VERIFY_JOB = "verifyJob";

	@Bean
	CloneEndpoints cloneEndpoints(SourceProperties source, TargetProperties target, DecryptedCredentials decrypted) {
		return CloneEndpoints.of(source, target, decrypted.source(), decrypted.target());
	}

	// The metrics listener is registered first: afterJob callbacks run in reverse, so it
	// sees the REF_BC exit code.

	@Bean
	Job cloneJob(JobRepository jobRepository, Step backupStep, Step emptyCheckStep, Step createDbStep, Step restoreStep,
			Step compareStep, RunMetricsListener runMetricsListener, RunJournal runJournal, StopOnSignal stopOnSignal) {
		return new JobBuilder(CLONE_JOB, jobRepository).start(backupStep)
			.next(emptyCheckStep)
			.next(createDbStep)
			.next(restoreStep)
			.next(compareStep)
			.listener(runMetricsListener)
			.listener(new RefBcJobListener())
			.listener(runJournal)
			.listener(stopOnSignal)
			.build();
	}

	@Bean
	Job verifyJob(JobRepository jobRepository, Step compareStep, RunMetricsListener runMetricsListener,
			StopOnSignal stopOnSignal) {
		return new JobBuilder(VERIFY_JOB, jobRepository).start(compareStep)
			.listener(runMetricsListener)
			.listener(new RefBcJobListener())
			.listener(stopOnSignal)
			.build();
	}

}
