package com.acalsa.dbcloner.backup;

import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.job.RefBcStepListener;
import com.acalsa.dbcloner.job.WorkerProperties;
import com.acalsa.dbcloner.mysql.CloneEndpoints;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code backup} step: a consistent snapshot of the source, streamed into compressed
 * row files.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupProperties.class)
public class BackupStepConfiguration {

	public static final String STEP_NAME = "backup";

	@Bean
	@StepScope
	BackupTasklet backupTasklet(CloneEndpoints endpoints, BackupProperties properties, WorkerProperties workers) {
		return new BackupTasklet(endpoints, properties, workers);
	}

	@Bean
	Step backupStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			BackupTasklet backupTasklet) {
		return new StepBuilder(STEP_NAME, jobRepository).tasklet(backupTasklet, transactionManager)
			.listener(backupTasklet)
			.listener(new RefBcStepListener(RefBc.ERROR_BACKUP))
			.build();
	}

}
