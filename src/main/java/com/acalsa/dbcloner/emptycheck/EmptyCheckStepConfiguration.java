package com.acalsa.dbcloner.emptycheck;

import java.nio.file.Path;

import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.job.RefBcStepListener;
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
 * The {@code emptyCheck} step: refuses a backup that holds no table or whose files are
 * missing or damaged.
 */
@Configuration(proxyBeanMethods = false)
public class EmptyCheckStepConfiguration {

	public static final String STEP_NAME = "emptyCheck";

	@Bean
	@StepScope
	EmptyCheckTasklet emptyCheckTasklet(
			@Value("#{jobExecutionContext['" + BackupDirectory.CONTEXT_KEY + "']}") Path dir) {
		return new EmptyCheckTasklet(new BackupDirectory(dir));
	}

	@Bean
	Step emptyCheckStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EmptyCheckTasklet emptyCheckTasklet) {
		return new StepBuilder(STEP_NAME, jobRepository).tasklet(emptyCheckTasklet, transactionManager)
			.listener(new RefBcStepListener(RefBc.ERROR_EMPTY_BACKUP))
			.build();
	}

}
