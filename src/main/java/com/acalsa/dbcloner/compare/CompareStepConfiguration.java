package com.acalsa.dbcloner.compare;

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
 * The {@code compare} step, shared by {@code cloneJob} and {@code verifyJob}: chunks of row verdicts, snapshot
 * against clone, ending at the first difference.
 */
@Configuration(proxyBeanMethods = false)
public class CompareStepConfiguration {

	public static final String STEP_NAME = "compare";

	private static final int CHUNK_SIZE = 1000;

	@Bean
	@StepScope
	RowMatchReader rowMatchReader(CloneEndpoints endpoints,
			@Value("#{jobExecutionContext['" + BackupDirectory.CONTEXT_KEY + "']}") String runBackup) {
		return new RowMatchReader(endpoints, runBackup);
	}

	@Bean
	Step compareStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			RowMatchReader rowMatchReader, CloneEndpoints endpoints) {
		return new StepBuilder(STEP_NAME, jobRepository).<RowMatch, RowMatch>chunk(CHUNK_SIZE)
			.transactionManager(transactionManager)
			.reader(rowMatchReader)
			.writer(new MismatchWriter())
			.listener(new CloneVerdictListener(endpoints))
			.listener(new RefBcStepListener(RefBc.ERROR_DB_COMPARISON))
			.build();
	}

}
