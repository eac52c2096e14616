package com.acalsa.dbcloner.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.acalsa.dbcloner.TestServer;
import com.acalsa.dbcloner.demo.SampleSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restart and retention with the job repository in H2 (the default): a run that failed in
 * {@code createDb} because the target user lacks a privilege keeps its backup through
 * retention, and once the privilege is granted {@code restart} completes it without
 * taking the backup again.
 */
class RestartIntegrationTests {

	private static final String SOURCE = TestServer.uniqueName("restart");

	private static final String CLONE = SOURCE + "_clone";

	private static final String OTHER_CLONE = SOURCE + "_other";

	private static final String USER = TestServer.uniqueName("dbc_restart");

	private ByteArrayOutputStream out;

	private ByteArrayOutputStream err;

	@BeforeAll
	static void createSourceAndAUserWhoCannotCreateDatabases() throws Exception {
		TestServer.execute("CREATE DATABASE `" + SOURCE + "`",
				"CREATE USER '" + USER + "'@'%' IDENTIFIED BY 'restart-pw'",
				"GRANT SELECT ON *.* TO '" + USER + "'@'%'");
		try (Connection connection = TestServer.connect()) {
			SampleSchema.create(connection, SOURCE, 200);
		}
	}

	@AfterAll
	static void dropAll() {
		TestServer.dropDatabases(SOURCE, CLONE, OTHER_CLONE);
		TestServer.execute("DROP USER IF EXISTS '" + USER + "'@'%'");
	}

	@Test
	void restartAfterAGrantCompletesTheRunWithoutRepeatingTheBackupWhichRetentionKept() throws Exception {
		// given: a run that failed in createDb, and leftovers for retention to judge
		assertThat(run("clone", "--cloner.target.username=" + USER, "--cloner.target.password=restart-pw"))
			.isEqualTo(3);
		assertThat(stderr()).startsWith("REF_BC_003").contains("missing privilege");
		List<Path> failedRunBackup = backups();
		assertThat(failedRunBackup).hasSize(1);
		Path halfWritten = Files.createDirectories(work().resolve("backups/x-20260101T000000Z-e999999"));
		Path old = Files.createDirectories(work().resolve("backups/x-20260101T000000Z-e999998"));
		Files.writeString(old.resolve("manifest.json"), "{}");
		Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));

		// when: another clone runs with a tight retention
		assertThat(run("clone", "--cloner.target.database=" + OTHER_CLONE, "--cloner.backup.keep=1")).as(this::stderr)
			.isZero();

		// then: the failed run's backup is kept, the half-written and the old one are
		// gone
		assertThat(failedRunBackup.get(0)).isDirectory();
		assertThat(halfWritten).doesNotExist();
		assertThat(old).doesNotExist();

		// when: the privilege is granted and the failed run restarted
		TestServer.execute("GRANT ALL ON *.* TO '" + USER + "'@'%'");
		assertThat(run("restart", "--cloner.target.username=" + USER, "--cloner.target.password=restart-pw"))
			.as(this::stderr)
			.isZero();

		// then: the run completed in its own instance, its backup taken once
		assertThat(run("history", "--json")).as(this::stderr).isZero();
		String history = stdout();
		assertThat(history).contains("\"restartOf\" : 1", "\"exitCode\" : \"REF_BC_003\"");
		assertThat(run("history", "--execution-id=3")).as(this::stderr).isZero();
		assertThat(stdout()).contains("restart of execution 1", "step createDb", "step compare")
			.doesNotContain("step backup");
		assertThat(TestServer.query("SELECT status FROM `" + CLONE + "`._db_cloner")).containsExactly("VERIFIED");
		assertThat(TestServer.digests(CLONE)).isEqualTo(TestServer.digests(SOURCE));
	}

	@Test
	void restartOfAnExecutionThatDoesNotExistEndsWithRefBc016() {
		assertThat(run("restart", "--execution-id=424242")).as(this::stderr).isEqualTo(16);
		assertThat(stderr()).startsWith("REF_BC_016 ERROR_RESTART").contains("no execution 424242");
	}

	@Test
	void restartOfARunWhoseBackupWasRemovedEndsWithRefBc016AndNoStackTrace() throws Exception {
		// given: a run that failed in createDb, in a repository and backup directory of
		// its own
		String user = TestServer.uniqueName("dbc_gone");
		TestServer.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'gone-pw'",
				"GRANT SELECT ON *.* TO '" + user + "'@'%'");
		try {
			String[] own = { "--spring.datasource.url=jdbc:h2:mem:" + user + ";DB_CLOSE_DELAY=-1",
					"--cloner.backup.dir=" + work().resolve("gone-backups"),
					"--cloner.target.database=" + OTHER_CLONE + "_gone", "--cloner.target.username=" + user,
					"--cloner.target.password=gone-pw" };
			assertThat(run("clone", own)).as(this::stderr).isEqualTo(3);
			try (var dirs = Files.list(work().resolve("gone-backups"))) {
				for (Path dir : dirs.toList()) {
					FileSystemUtils.deleteRecursively(dir);
				}
			}

			// when
			int exit = run("restart", own);

			// then
			assertThat(exit).isEqualTo(16);
			assertThat(stderr()).startsWith("REF_BC_016 ERROR_RESTART").contains("backup").doesNotContain("\tat ");
		}
		finally {
			TestServer.execute("DROP USER '" + user + "'@'%'");
		}
	}

	private List<Path> backups() throws Exception {
		try (var dirs = Files.list(work().resolve("backups"))) {
			return dirs.toList();
		}
	}

	private int run(String command, String... settings) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("cloner.source.url", TestServer.url(SOURCE));
		all.put("cloner.source.username", TestServer.USER);
		all.put("cloner.source.password", TestServer.PASSWORD);
		all.put("cloner.target.database", CLONE);
		all.put("cloner.backup.dir", work().resolve("backups").toString());
		all.putAll(repository());
		List<String> args = new ArrayList<>(List.of(command));
		for (String setting : settings) {
			if (setting.startsWith("--cloner.") || setting.startsWith("--spring.")) {
				all.put(setting.substring(2, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
			}
			else {
				args.add(setting);
			}
		}
		all.forEach((name, value) -> args.add("--" + name + "=" + value));
		this.out = new ByteArrayOutputStream();
		this.err = new ByteArrayOutputStream();
		return ClonerCommandLine.run(args.toArray(String[]::new),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	/** Where this class's backups and H2 files go: each subclass has its own. */
	Path work() {
		return Path.of("target/test-restart/" + SOURCE + "/" + getClass().getSimpleName());
	}

	/**
	 * The job repository: an H2 file here;
	 * {@link RestartOnMariaDbRepositoryIntegrationTests} keeps it in MariaDB.
	 */
	Map<String, String> repository() {
		return Map.of("spring.datasource.url", "jdbc:h2:file:./" + work().resolve("repository") + ";AUTO_SERVER=TRUE");
	}

	private String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
