package com.acalsa.dbcloner.restore;

import java.nio.file.Path;

import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.job.RefBcStepListener;
import com.acalsa.dbcloner.job.WorkerProperties;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.snapshot.BackupDirectory;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code restore} step: the backup's tables and rows, loaded into the clone database.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RestoreProperties.class)
public class RestoreStepConfiguration {

	public static final String STEP_NAME = "restore";

	@Bean
	@StepScope
	RestoreTasklet restoreTasklet(CloneEndpoints endpoints, RestoreProperties properties, WorkerProperties workers,
			@Value("#{jobExecutionContext['" + BackupDirectory.CONTEXT_KEY + "']}") Path dir) {
		return new RestoreTasklet(endpoints, new BackupDirectory(dir), properties, workers);
	}

	@Bean
	Step restoreStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			RestoreTasklet restoreTasklet, RestoreProperties properties) {
		return new StepBuilder(STEP_NAME, jobRepository).tasklet(restoreTasklet, transactionManager)
			.listener(restoreTasklet)
			.listener(new RestorePacing(properties.pause()))
			.listener(new RefBcStepListener(RefBc.ERROR_RESTORE_BACKUP))
			.build();
	}

}
