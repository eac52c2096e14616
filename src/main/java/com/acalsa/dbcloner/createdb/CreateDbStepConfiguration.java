package com.acalsa.dbcloner.createdb;

import java.nio.file.Path;

import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.job.RefBcStepListener;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.snapshot.BackupDirectory;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code createDb} step: a fresh, marked clone database; never drops a database it
 * did not create.
 */
@Configuration(proxyBeanMethods = false)
public class CreateDbStepConfiguration {

	public static final String STEP_NAME = "createDb";

	@Bean
	@StepScope
	CreateDbTasklet createDbTasklet(CloneEndpoints endpoints,
			@Value("#{jobExecutionContext['" + BackupDirectory.CONTEXT_KEY + "']}") Path dir) {
		return new CreateDbTasklet(endpoints, new BackupDirectory(dir));
	}

	@Bean
	Step createDbStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CreateDbTasklet createDbTasklet) {
		return new StepBuilder(STEP_NAME, jobRepository).tasklet(createDbTasklet, transactionManager)
			.listener(new RefBcStepListener(RefBc.ERROR_CREATE_TEST_DB))
			.build();
	}

}
