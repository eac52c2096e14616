package com.acalsa.dbcloner.restore;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.acalsa.dbcloner.FidelitySchema;
import com.acalsa.dbcloner.SecondServer;
import com.acalsa.dbcloner.TestServer;
import com.acalsa.dbcloner.cli.ClonerCommandLine;
import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parallel paths at their boundaries: tables cut into ranges of two rows, backed up,
 * restored and compared by three workers, whatever their keys (empty, one row, gaps,
 * signed and unsigned extremes, composite and string keys, NULLs in a unique key); and a
 * restore through batched INSERTs into a server whose {@code local_infile} is OFF.
 */
class KeyRangeIntegrationTests {

	private static final String SOURCE = TestServer.uniqueName("ranges");

	private static final String TYPES = TestServer.uniqueName("ranges-types");

	private static final List<String> CLONES = new ArrayList<>();

	private static final Path BACKUPS = Path.of("target/test-backups/" + SOURCE);

	private ByteArrayOutputStream err;

	@BeforeAll
	static void createSource() {
		String q = "`" + SOURCE + "`.";
		TestServer.execute("CREATE DATABASE `" + SOURCE + "`", "CREATE DATABASE `" + TYPES + "`",
				"CREATE TABLE " + q + "empty_t (id INT PRIMARY KEY)",
				"CREATE TABLE " + q + "one_row (id INT PRIMARY KEY, v VARCHAR(5))",
				"INSERT INTO " + q + "one_row VALUES (42, 'x')",
				"CREATE TABLE " + q + "gaps (id BIGINT PRIMARY KEY, v INT)",
				"INSERT INTO " + q + "gaps VALUES (1, 1), (2, 2), (1000, 3), (1000000000, 4), (1000000000000, 5)",
				"CREATE TABLE " + q + "signed_extremes (id BIGINT PRIMARY KEY)",
				"INSERT INTO " + q
						+ "signed_extremes VALUES (-9223372036854775808), (-1), (0), (1), (9223372036854775807)",
				"CREATE TABLE " + q + "unsigned_extremes (id BIGINT UNSIGNED PRIMARY KEY)",
				"INSERT INTO " + q + "unsigned_extremes VALUES (0), (1), (9223372036854775808), (18446744073709551615)",
				"CREATE TABLE " + q + "tiny (id TINYINT PRIMARY KEY)",
				"INSERT INTO " + q + "tiny VALUES (-128), (-5), (0), (7), (127)",
				"CREATE TABLE " + q + "composite (a INT, b VARCHAR(10), v INT, PRIMARY KEY (a, b))",
				"INSERT INTO " + q
						+ "composite VALUES (1, 'x', 1), (1, 'y', 2), (1, 'z', 3), (2, 'x', 4), (3, 'A', 5), "
						+ "(3, 'b', 6), (9, 'q', 7)",
				"CREATE TABLE " + q + "string_key (k VARCHAR(20) PRIMARY KEY, v INT) COLLATE utf8mb4_general_ci",
				"INSERT INTO " + q + "string_key VALUES ('a', 1), ('B', 2), ('c', 3), ('ö', 4)",
				"CREATE TABLE " + q + "nullable_unique (u INT NULL UNIQUE, v INT)",
				"INSERT INTO " + q + "nullable_unique VALUES (NULL, 1), (NULL, 1), (3, 3), (4, 4)",
				"ANALYZE TABLE " + q + "gaps, " + q + "signed_extremes, " + q + "unsigned_extremes, " + q
						+ "composite, " + q + "tiny");
		FidelitySchema.create(TYPES);
	}

	@AfterAll
	static void dropDatabases() {
		TestServer.dropDatabases(SOURCE, TYPES);
		TestServer.dropDatabases(CLONES.toArray(String[]::new));
	}

	@Test
	void tablesCutIntoTwoRowRangesCloneAndCompareExactlyWhateverTheirKeys() throws Exception {
		// given
		String clone = clone("two_rows");

		// when
		int exit = run("clone", SOURCE, clone, TestServer.URL);

		// then
		assertThat(exit).as(stderr()).isZero();
		assertThat(TestServer.digests(clone)).hasSize(9).isEqualTo(TestServer.digests(SOURCE));
		Manifest manifest = latestManifest();
		assertThat(chunks(manifest, "gaps")).isGreaterThan(1);
		assertThat(chunks(manifest, "signed_extremes")).isGreaterThan(1);
		assertThat(chunks(manifest, "unsigned_extremes")).isGreaterThan(1);
		assertThat(chunks(manifest, "composite")).isGreaterThan(1);
		assertThat(chunks(manifest, "string_key")).isEqualTo(1);
		assertThat(chunks(manifest, "nullable_unique")).isEqualTo(1);
	}

	@Test
	void aRowChangedInsideARangeIsNamedByItsWholeKey() {
		// given
		String clone = clone("tampered");
		assertThat(run("clone", SOURCE, clone, TestServer.URL)).as(stderr()).isZero();
		TestServer.execute("UPDATE `" + clone + "`.composite SET v = 60 WHERE a = 3 AND b = 'b'");

		// when
		int exit = run("verify", SOURCE, clone, TestServer.URL);

		// then
		assertThat(exit).isEqualTo(5);
		assertThat(stderr()).contains("table `composite`: the row at key (a=3, b=b) differs in column `v`");
	}

	@Test
	void aTargetWithLocalInfileOffIsRestoredWithBatchedInsertsJustAsExactly() throws Exception {
		try (SecondServer noLocalInfile = SecondServer.start("--local-infile=0")) {
			// when
			int exit = run("clone", TYPES, "insert_clone", noLocalInfile.serverUrl());

			// then
			assertThat(exit).as(stderr()).isZero();
			assertThat(TestServer.query(noLocalInfile.endpoint(), "SELECT @@global.local_infile")).containsExactly("0");
			assertThat(TestServer.digests(noLocalInfile.endpoint(), "insert_clone"))
				.isEqualTo(TestServer.digests(TYPES));
		}
	}

	private int run(String command, String source, String clone, String targetServer) {
		this.err = new ByteArrayOutputStream();
		String[] args = { command, "--cloner.source.url=" + TestServer.url(source),
				"--cloner.source.username=" + TestServer.USER, "--cloner.source.password=" + TestServer.PASSWORD,
				"--cloner.target.url=" + targetServer,
				"--cloner.target.username=" + (targetServer.equals(TestServer.URL) ? TestServer.USER : "root"),
				"--cloner.target.password=" + (targetServer.equals(TestServer.URL) ? TestServer.PASSWORD : ""),
				"--cloner.target.database=" + clone, "--cloner.backup.dir=" + BACKUPS, "--cloner.backup.chunk-rows=2",
				"--cloner.threads=3", "--spring.datasource.url=jdbc:h2:mem:" + clone };
		return ClonerCommandLine.run(args, new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	private static Manifest latestManifest() throws Exception {
		try (var dirs = Files.list(BACKUPS)) {
			return dirs.map(BackupDirectory::new)
				.filter(BackupDirectory::isComplete)
				.max((a, b) -> a.path().getFileName().toString().compareTo(b.path().getFileName().toString()))
				.orElseThrow()
				.readManifest();
		}
	}

	private static int chunks(Manifest manifest, String table) {
		return manifest.tables()
			.stream()
			.filter((t) -> t.name().equals(table))
			.findFirst()
			.orElseThrow()
			.chunks()
			.size();
	}

	private static String clone(String name) {
		String clone = TestServer.uniqueName("ranges_" + name);
		CLONES.add(clone);
		return clone;
	}

}
