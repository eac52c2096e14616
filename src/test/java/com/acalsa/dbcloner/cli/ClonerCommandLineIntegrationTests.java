package com.acalsa.dbcloner.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.acalsa.dbcloner.TestServer;
import com.acalsa.dbcloner.demo.SampleSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The program as the CronJob runs it, in process: each REF_BC code provoked by the real
 * failure, with its exit status, its line on standard error and its record in a job
 * repository kept in MariaDB (created on first use).
 */
class ClonerCommandLineIntegrationTests {

	private static final String SOURCE = TestServer.uniqueName("cli");

	private static final String REPOSITORY = TestServer.uniqueName("cli_repo");

	private static final String EMPTY = TestServer.uniqueName("cli_empty");

	private static final String FOREIGN = TestServer.uniqueName("cli_foreign");

	private static final String LIMITED_USER = TestServer.uniqueName("dbc_limited");

	private static final List<String> CLONES = new ArrayList<>();

	private ByteArrayOutputStream err;

	@BeforeAll
	static void createDatabases() throws Exception {
		TestServer.execute("CREATE DATABASE `" + SOURCE + "`", "CREATE DATABASE `" + REPOSITORY + "`",
				"CREATE DATABASE `" + EMPTY + "`", "CREATE DATABASE `" + FOREIGN + "`",
				"CREATE TABLE `" + FOREIGN + "`.precious (id INT PRIMARY KEY)",
				"INSERT INTO `" + FOREIGN + "`.precious VALUES (1), (2)");
		try (Connection connection = TestServer.connect()) {
			SampleSchema.create(connection, SOURCE, 300);
		}
	}

	@AfterAll
	static void dropDatabases() {
		TestServer.dropDatabases(SOURCE, REPOSITORY, EMPTY, FOREIGN);
		TestServer.dropDatabases(CLONES.toArray(String[]::new));
		TestServer.execute("DROP USER IF EXISTS '" + LIMITED_USER + "'@'%'");
	}

	@Test
	void cloneSucceedsAndVerifyPassesOnTheClone() {
		String clone = clone("ok");
		assertThat(run("clone", "--cloner.target.database=" + clone)).isZero();
		assertThat(run("verify", "--cloner.target.database=" + clone)).isZero();
		assertThat(stderr()).isEmpty();
		assertThat(lastExit("verifyJob")).isEqualTo("COMPLETED");
		assertThat(TestServer.digests(clone)).isEqualTo(TestServer.digests(SOURCE));
	}

	@Test
	void wrongPasswordEndsWithRefBc001() {
		int exit = run("clone", "--cloner.source.password=not-the-password", "--cloner.target.database=" + clone("pw"));
		assertThat(exit).isEqualTo(1);
		assertThat(stderr()).startsWith("REF_BC_001 ERROR_BACKUP: Error al realizar el respaldo.")
			.contains("access denied", "cloner.source.password")
			.doesNotContain("not-the-password");
		assertThat(lastExit("cloneJob")).isEqualTo("REF_BC_001");
	}

	@Test
	void emptySourceDatabaseEndsWithRefBc002() {
		int exit = run("clone", "--cloner.source.url=" + TestServer.url(EMPTY));
		CLONES.add(EMPTY + "_clone");
		assertThat(exit).isEqualTo(2);
		assertThat(stderr()).startsWith("REF_BC_002 ERROR_EMPTY_BACKUP: ¡Error! El archivo de respaldo está vacío.")
			.contains("holds no table");
		assertThat(lastExit("cloneJob")).isEqualTo("REF_BC_002");
	}

	@Test
	void refusesToDropADatabaseItDidNotCreate() {
		int exit = run("clone", "--cloner.target.database=" + FOREIGN);
		assertThat(exit).isEqualTo(3);
		assertThat(stderr()).startsWith("REF_BC_003 ERROR_CREATE_TEST_DB:").contains("not created by db-cloner");
		assertThat(TestServer.query("SELECT COUNT(*) FROM `" + FOREIGN + "`.precious")).containsExactly("2");
		assertThat(lastExit("cloneJob")).isEqualTo("REF_BC_003");
	}

	@Test
	void targetUserWithoutCreatePrivilegeEndsWithRefBc003() {
		TestServer.execute("CREATE USER '" + LIMITED_USER + "'@'%' IDENTIFIED BY 'limited-pw'",
				"GRANT SELECT ON *.* TO '" + LIMITED_USER + "'@'%'");
		try {
			String clone = clone("nocreate");
			int exit = run("clone", "--cloner.target.database=" + clone, "--cloner.target.url=" + TestServer.URL,
					"--cloner.target.username=" + LIMITED_USER, "--cloner.target.password=limited-pw");
			assertThat(exit).isEqualTo(3);
			assertThat(stderr()).startsWith("REF_BC_003").contains("missing privilege", LIMITED_USER);
			assertThat(TestServer.databaseExists(clone)).isFalse();
		}
		finally {
			TestServer.execute("DROP USER '" + LIMITED_USER + "'@'%'");
		}
	}

	@Test
	void aCloneThatWouldBeTheSourceIsAConfigurationErrorAndTouchesNothing() {
		List<String> before = TestServer
			.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?", SOURCE);
		int exit = run("clone", "--cloner.target.database=" + SOURCE,
				"--cloner.target.url=jdbc:mysql://localhost:" + "3306/");
		assertThat(exit).isEqualTo(6);
		assertThat(stderr()).startsWith("REF_BC_006 ERROR_CONFIGURATION")
			.contains("the clone would be the source itself");
		assertThat(TestServer.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?", SOURCE))
			.isEqualTo(before);
	}

	@Test
	void aRestoreTheServerRejectsEndsWithRefBc004() {
		// the target account may run three changing statements an hour: createDb's, and
		// not one of the restore's
		TestServer.execute(
				"CREATE USER '" + LIMITED_USER + "'@'%' IDENTIFIED BY 'limited-pw' " + "WITH MAX_UPDATES_PER_HOUR 3",
				"GRANT ALL ON *.* TO '" + LIMITED_USER + "'@'%'");
		try {
			String clone = clone("rejected");
			int exit = run("clone", "--cloner.target.database=" + clone, "--cloner.target.url=" + TestServer.URL,
					"--cloner.target.username=" + LIMITED_USER, "--cloner.target.password=limited-pw");
			assertThat(exit).isEqualTo(4);
			assertThat(stderr()).startsWith("REF_BC_004 ERROR_RESTORE_BACKUP:").contains("max_updates_per_hour");
			assertThat(TestServer.query("SELECT status FROM `" + clone + "`._db_cloner")).containsExactly("RESTORING");
			assertThat(lastExit("cloneJob")).isEqualTo("REF_BC_004");
		}
		finally {
			TestServer.execute("DROP USER '" + LIMITED_USER + "'@'%'");
		}
	}

	@Test
	void aCloneChangedAfterRestoreFailsVerifyWithRefBc005NamingTableAndKey() {
		String clone = clone("tampered");
		assertThat(run("clone", "--cloner.target.database=" + clone)).isZero();
		TestServer.execute("UPDATE `" + clone + "`.customer SET balance = balance + 1 WHERE id = 17");

		int exit = run("verify", "--cloner.target.database=" + clone);

		assertThat(exit).isEqualTo(5);
		assertThat(stderr()).startsWith("REF_BC_005 ERROR_DB_COMPARISON: ¡Error! Las bases de datos son diferentes.")
			.contains("table `customer`", "(id=17)", "column `balance`");
		assertThat(lastExit("verifyJob")).isEqualTo("REF_BC_005");
		assertThat(TestServer.query("SELECT status FROM `" + clone + "`._db_cloner")).containsExactly("DIFFERENT");
	}

	@Test
	void invalidSettingEndsWithRefBc006NamingIt() {
		assertThat(run("clone", "--cloner.backup.compression-level=99")).isEqualTo(6);
		assertThat(stderr()).startsWith("REF_BC_006").contains("cloner.backup.compression-level");
	}

	@Test
	void unreachableJobRepositoryEndsWithRefBc007() {
		int exit = ClonerCommandLine.run(new String[] { "clone", "--spring.datasource.url=jdbc:mysql://127.0.0.1:9/x",
				"--spring.datasource.hikari.connection-timeout=1000" }, capture());
		assertThat(exit).isEqualTo(7);
		assertThat(stderr()).startsWith("REF_BC_007 ERROR_JOB_REPOSITORY").contains("spring.datasource.url");
	}

	@Test
	void unknownCommandPrintsUsageAndEndsWithRefBc008() {
		assertThat(ClonerCommandLine.run(new String[] { "frobnicate" }, capture())).isEqualTo(8);
		assertThat(stderr()).startsWith("REF_BC_008 ERROR_USAGE").contains("Usage:", "clone", "verify");
	}

	private int run(String command, String... settings) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("cloner.source.url", TestServer.url(SOURCE));
		all.put("cloner.source.username", TestServer.USER);
		all.put("cloner.source.password", TestServer.PASSWORD);
		all.put("cloner.backup.dir", "target/test-backups/" + SOURCE);
		all.put("spring.datasource.url", TestServer.url(REPOSITORY));
		all.put("spring.datasource.username", TestServer.USER);
		all.put("spring.datasource.password", TestServer.PASSWORD);
		for (String setting : settings) {
			all.put(setting.substring(2, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
		}
		List<String> args = new ArrayList<>(List.of(command));
		all.forEach((name, value) -> args.add("--" + name + "=" + value));
		return ClonerCommandLine.run(args.toArray(String[]::new), capture());
	}

	private PrintStream capture() {
		this.err = new ByteArrayOutputStream();
		return new PrintStream(this.err, true, StandardCharsets.UTF_8);
	}

	private String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	private static String lastExit(String jobName) {
		return TestServer
			.query("SELECT e.EXIT_CODE FROM `" + REPOSITORY + "`.BATCH_JOB_EXECUTION e JOIN `" + REPOSITORY
					+ "`.BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? "
					+ "ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1", jobName)
			.get(0);
	}

	private static String clone(String name) {
		String clone = SOURCE + "_" + name;
		CLONES.add(clone);
		return clone;
	}

}
