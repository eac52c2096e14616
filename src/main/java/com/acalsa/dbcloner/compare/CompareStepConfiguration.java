package com.acalsa.dbcloner.compare;

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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code compare} step, shared by {@code cloneJob} and {@code verifyJob}: the schema
 * first, then every key range of the snapshot against the clone, {@code cloner.threads}
 * ranges at once (Spring Batch 6 processes a chunk's items concurrently on the step's
 * task executor), ending at the first difference.
 */
@Configuration(proxyBeanMethods = false)
public class CompareStepConfiguration {

	public static final String STEP_NAME = "compare";

	@Bean
	@StepScope
	ChunkCheckReader chunkCheckReader(CloneEndpoints endpoints,
			@Value("#{jobExecutionContext['" + BackupDirectory.CONTEXT_KEY + "']}") String runBackup) {
		return new ChunkCheckReader(endpoints, runBackup);
	}

	@Bean
	Step compareStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ChunkCheckReader chunkCheckReader, CloneEndpoints endpoints, WorkerProperties workers) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("compare-worker-");
		executor.setConcurrencyLimit(workers.workers());
		MismatchWriter writer = new MismatchWriter();
		return new StepBuilder(STEP_NAME, jobRepository).<ChunkCheck, ChunkVerdict>chunk(4 * workers.workers())
			.transactionManager(transactionManager)
			.reader(chunkCheckReader)
			.processor(new ChunkVerifier(endpoints))
			.writer(writer)
			.taskExecutor(executor)
			.listener(writer)
			.listener(new CloneVerdictListener(endpoints))
			.listener(new RefBcStepListener(RefBc.ERROR_DB_COMPARISON))
			.build();
	}

}
