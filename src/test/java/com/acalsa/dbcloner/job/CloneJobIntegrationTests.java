package com.acalsa.dbcloner.job;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.List;

import com.acalsa.dbcloner.EdgeValues;
import com.acalsa.dbcloner.TestServer;
import com.acalsa.dbcloner.demo.SampleSchema;
import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cloneJob} and its steps against the real server: a source of several related
 * tables and a few hundred thousand rows, checked by an independent SQL digest; and the
 * failures that only a step-level run can provoke.
 */
@SpringBootTest
@SpringBatchTest
class CloneJobIntegrationTests {

	private static final String SOURCE = TestServer.uniqueName("clonejob");

	private static final String CLONE = SOURCE + "_clone";

	private static final int CUSTOMERS = 40_000;

	@Autowired
	private JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	private JobRepository jobRepository;

	@Autowired
	@Qualifier("cloneJob")
	private Job cloneJob;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("cloner.source.url", () -> TestServer.url(SOURCE));
		registry.add("cloner.source.username", () -> TestServer.USER);
		registry.add("cloner.source.password", () -> TestServer.PASSWORD);
		registry.add("cloner.backup.dir", () -> "target/test-backups/" + SOURCE);
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + SOURCE);
	}

	@BeforeAll
	static void createSource() throws Exception {
		TestServer.execute("CREATE DATABASE `" + SOURCE + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
		try (Connection connection = TestServer.connect()) {
			SampleSchema.create(connection, SOURCE, CUSTOMERS);
		}
		EdgeValues.create(SOURCE);
	}

	@AfterAll
	static void dropDatabases() {
		TestServer.dropDatabases(SOURCE, CLONE);
	}

	@BeforeEach
	void useCloneJob() {
		this.jobOperatorTestUtils.setJob(this.cloneJob);
	}

	@Test
	void cloneJobMakesACloneEqualToTheSourceRowForRow() throws Exception {
		// when
		JobExecution execution = this.jobOperatorTestUtils.startJob(uniqueParameters());

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
		assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactly("backup", "emptyCheck", "createDb", "restore", "compare");
		assertThat(TestServer.digests(CLONE)).hasSize(6).isEqualTo(TestServer.digests(SOURCE));
		long rows = Long.parseLong(TestServer.query("SELECT COUNT(*) FROM `" + SOURCE + "`.order_line").get(0));
		assertThat(rows).isEqualTo(CUSTOMERS * 4L);
		assertThat(TestServer.query("SELECT status FROM `" + CLONE + "`._db_cloner")).containsExactly("VERIFIED");
		assertThat(TestServer
			.query("SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA " + "WHERE SCHEMA_NAME = ?", CLONE))
			.containsExactly("utf8mb4_unicode_ci");
	}

	@Test
	void eachRunIsANewJobInstanceSoTheScheduleCanRunItAgainAndAgain() throws Exception {
		// when
		JobExecution first = this.jobOperatorTestUtils.startJob(uniqueParameters());
		JobExecution second = this.jobOperatorTestUtils.startJob(uniqueParameters());

		// then
		assertThat(List.of(first.getStatus(), second.getStatus())).containsOnly(BatchStatus.COMPLETED);
		assertThat(second.getJobInstance().getInstanceId()).isNotEqualTo(first.getJobInstance().getInstanceId());
		assertThat(this.jobRepository.getLastJobExecution(second.getJobInstance()).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void emptyCheckRefusesABackupWhoseFileWasDamaged() throws Exception {
		// given
		ExecutionContext context = backUp();
		BackupDirectory backup = new BackupDirectory(Path.of(context.getString(BackupDirectory.CONTEXT_KEY)));
		Manifest.TableEntry first = backup.readManifest().tables().get(0);
		try (RandomAccessFile file = new RandomAccessFile(backup.file(first.chunks().get(0)).toFile(), "rw")) {
			file.seek(file.length() / 2);
			int b = file.read();
			file.seek(file.length() / 2);
			file.write(b ^ 0xFF);
		}

		// when
		JobExecution execution = this.jobOperatorTestUtils.startStep("emptyCheck", uniqueParameters(), context);

		// then
		StepExecution step = execution.getStepExecutions().iterator().next();
		assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(step.getExitStatus().getExitCode()).isEqualTo("REF_BC_002");
		assertThat(step.getExitStatus().getExitDescription()).contains("`" + first.name() + "`", "checksum");
	}

	@Test
	void restoreEndsWithRefBc004WhenTheServerRejectsIt() throws Exception {
		// given: the clone database disappears between createDb and restore
		ExecutionContext context = backUp();
		JobExecution created = this.jobOperatorTestUtils.startStep("createDb", uniqueParameters(), context);
		assertThat(created.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		TestServer.execute("DROP DATABASE `" + CLONE + "`");

		// when
		JobExecution execution = this.jobOperatorTestUtils.startStep("restore", uniqueParameters(), context);

		// then
		StepExecution step = execution.getStepExecutions().iterator().next();
		assertThat(step.getExitStatus().getExitCode()).isEqualTo("REF_BC_004");
		assertThat(step.getExitStatus().getExitDescription()).contains(CLONE, "Unknown database");
		assertThat(TestServer.databaseExists(CLONE)).isFalse();
	}

	@Test
	void aFailedBackupRemovesItsHalfWrittenDirectoryAndNothingElse() throws Exception {
		// given: a table the server cannot read, backed up last, after the directory and
		// other files exist
		Path backups = Path.of("target/test-backups/" + SOURCE);
		backUp();
		long before = countBackups(backups);
		TestServer.execute("CREATE TABLE `" + SOURCE + "`.zz_broken (a INT) ENGINE=MRG_MyISAM UNION=(`" + SOURCE
				+ "`.no_such_table)");
		try {
			// when
			JobExecution execution = this.jobOperatorTestUtils.startStep("backup", uniqueParameters(),
					new ExecutionContext());

			// then
			StepExecution step = execution.getStepExecutions().iterator().next();
			assertThat(step.getExitStatus().getExitCode()).isEqualTo("REF_BC_001");
			assertThat(step.getExitStatus().getExitDescription()).contains("Unable to open underlying table");
			assertThat(countBackups(backups)).isEqualTo(before);
			try (var dirs = Files.list(backups)) {
				assertThat(dirs.map((dir) -> new BackupDirectory(dir).isComplete())).containsOnly(true);
			}
		}
		finally {
			TestServer.execute("DROP TABLE `" + SOURCE + "`.zz_broken");
		}
	}

	private ExecutionContext backUp() {
		JobExecution execution = this.jobOperatorTestUtils.startStep("backup", uniqueParameters(),
				new ExecutionContext());
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		ExecutionContext context = new ExecutionContext();
		context.putString(BackupDirectory.CONTEXT_KEY,
				execution.getExecutionContext().getString(BackupDirectory.CONTEXT_KEY));
		return context;
	}

	private static long countBackups(Path backups) throws Exception {
		if (!Files.isDirectory(backups)) {
			return 0;
		}
		try (var dirs = Files.list(backups)) {
			return dirs.count();
		}
	}

	private static JobParameters uniqueParameters() {
		return new JobParametersBuilder().addString("source", "test")
			.addLocalDateTime("launched", LocalDateTime.now())
			.addLong("random", System.nanoTime())
			.toJobParameters();
	}

}
