package com.acalsa.dbcloner.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.acalsa.dbcloner.TestServer;
import com.acalsa.dbcloner.credentials.LocalKms;
import com.acalsa.dbcloner.demo.SampleSchema;
import com.github.luben.zstd.ZstdInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The program with its database passwords only as KMS ciphertexts, in process, against
 * {@link LocalKms} and the MariaDB server: the {@code encrypt} then {@code clone} round
 * trip, the password searched for everywhere the run leaves text, and KMS failures that
 * stop the run before any database is touched.
 */
@ExtendWith(OutputCaptureExtension.class)
class KmsCredentialsIntegrationTests {

	private static final String SOURCE = TestServer.uniqueName("kms");

	private static final String USER = TestServer.uniqueName("dbc_kms");

	/** The password searched for: a value that appears nowhere else. */
	private static final String PASSWORD = "Kms-" + UUID.randomUUID() + "-pw";

	private static final List<String> DATABASES = new ArrayList<>();

	private static final Path BACKUPS = Path.of("target/test-backups", SOURCE);

	private static LocalKms kms;

	private ByteArrayOutputStream out;

	private ByteArrayOutputStream err;

	@BeforeAll
	static void createSourceUserAndKms() throws SQLException {
		TestServer.execute("CREATE DATABASE `" + SOURCE + "`",
				"CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
				"GRANT ALL ON *.* TO '" + USER + "'@'%'");
		try (Connection connection = TestServer.connect()) {
			SampleSchema.create(connection, SOURCE, 100);
		}
		LocalKms.useTestCredentials();
		kms = LocalKms.start();
	}

	@AfterAll
	static void dropAll() {
		kms.close();
		LocalKms.clearTestCredentials();
		TestServer.dropDatabases(SOURCE);
		TestServer.dropDatabases(DATABASES.toArray(String[]::new));
		TestServer.execute("DROP USER IF EXISTS '" + USER + "'@'%'");
	}

	@Test
	void encryptThenCloneWithOnlyEncryptedPasswordsLeavesThePasswordNowhere(CapturedOutput output) throws Exception {
		// given
		assertThat(ClonerCommandLine.run(
				new String[] { "encrypt", "--key-id=" + LocalKms.ALIAS, "--cloner.kms.endpoint=" + kms.endpoint(),
						"--cloner.kms.encryption-context.app=db-cloner" },
				stdin(PASSWORD + "\n"), capture(), captureErr()))
			.isZero();
		String ciphertext = stdout().strip();
		assertThat(ciphertext).matches("[A-Za-z0-9+/=]+").doesNotContain(PASSWORD);
		String repository = database("repo");
		String clone = database("clone");

		// when
		int exit = run(repository, "clone", "--cloner.target.database=" + clone,
				"--cloner.source.password-kms=" + ciphertext, "--cloner.repository.password-kms=" + ciphertext,
				"--logging.level.root=debug", "--logging.level.org.springframework=debug",
				"--logging.level.com.zaxxer=debug");

		// then
		assertThat(exit).as(stderr()).isZero();
		assertThat(TestServer.digests(clone)).isEqualTo(TestServer.digests(SOURCE));
		assertThat(lastExit(repository)).isEqualTo("COMPLETED");
		assertThat(output.getAll()).contains("cloner.source.password-kms decrypted with KMS key");
		for (String form : List.of(PASSWORD, base64(PASSWORD))) {
			assertThat(output.getAll() + stdout() + stderr()).doesNotContain(form);
			assertThat(jobRepositoryText(repository)).isNotEmpty().doesNotContain(form);
			assertThat(backupText()).contains("manifest").doesNotContain(form);
		}
	}

	@Test
	void aCredentialsDocumentHoldsTheWholeSourceConnection() {
		// given
		String document = "{\"url\": \"" + TestServer.url(SOURCE) + "\", \"username\": \"" + USER
				+ "\", \"password\": \"" + PASSWORD + "\"}";
		String clone = database("doc");
		// when
		int exit = run(database("repo"), "clone", "--cloner.source.url=jdbc:mysql://127.0.0.1:9/elsewhere",
				"--cloner.source.username=nobody", "--cloner.source.password=",
				"--cloner.source.credentials-kms=" + kms.encrypt(LocalKms.ALIAS, document, Map.of("app", "db-cloner")),
				"--cloner.target.database=" + clone, "--spring.datasource.username=" + TestServer.USER,
				"--spring.datasource.password=" + TestServer.PASSWORD);
		// then
		assertThat(exit).as(stderr()).isZero();
		assertThat(TestServer.digests(clone)).isEqualTo(TestServer.digests(SOURCE));
	}

	@Test
	void aWrongEncryptionContextStopsTheRunBeforeAnyDatabaseIsTouched() {
		// given
		String ciphertext = kms.encrypt(LocalKms.ALIAS, PASSWORD, Map.of("app", "another-app"));
		String repository = database("repo");
		String clone = database("ctx");
		// when
		int exit = run(repository, "clone", "--cloner.target.database=" + clone,
				"--cloner.source.password-kms=" + ciphertext);
		// then
		assertThat(exit).isEqualTo(13);
		assertThat(stderr())
			.startsWith("REF_BC_013 ERROR_KMS_DECRYPT: Error al descifrar las credenciales con AWS KMS.")
			.contains("cloner.source.password-kms", "encryption-context")
			.doesNotContain(ciphertext)
			.doesNotContain(PASSWORD);
		assertNothingTouched(repository, clone);
	}

	@Test
	void aJobRepositoryPasswordKmsCannotDecryptStopsTheRunBeforeAnyDatabaseIsTouched() {
		// given
		String repository = database("repo");
		String clone = database("repo_pw");
		// when
		int exit = run(repository, "clone", "--cloner.target.database=" + clone,
				"--cloner.source.password-kms=" + kms.encrypt(LocalKms.ALIAS, PASSWORD, Map.of("app", "db-cloner")),
				"--cloner.repository.password-kms=bm90IGEgY2lwaGVydGV4dA==");
		// then
		assertThat(exit).isEqualTo(13);
		assertThat(stderr()).startsWith("REF_BC_013").contains("cloner.repository.password-kms");
		assertNothingTouched(repository, clone);
	}

	@Test
	void anUnreachableKmsEndsWithRefBc011BeforeAnyDatabaseIsTouched() {
		// given
		LocalKms down = LocalKms.start();
		down.close();
		String repository = database("repo");
		String clone = database("down");
		// when
		int exit = run(repository, "clone", "--cloner.target.database=" + clone,
				"--cloner.source.password-kms=" + kms.encrypt(LocalKms.ALIAS, PASSWORD, Map.of("app", "db-cloner")),
				"--cloner.kms.endpoint=" + down.endpoint(), "--cloner.kms.max-attempts=2");
		// then
		assertThat(exit).isEqualTo(11);
		assertThat(stderr()).startsWith("REF_BC_011 ERROR_KMS_UNAVAILABLE:").contains("cloner.source.password-kms");
		assertNothingTouched(repository, clone);
	}

	@Test
	void aPasswordGivenBothPlainAndEncryptedIsAConfigurationError() {
		String repository = database("repo");
		int exit = run(repository, "clone", "--cloner.target.password=" + PASSWORD,
				"--cloner.target.password-kms=" + kms.encrypt(LocalKms.ALIAS, PASSWORD, Map.of("app", "db-cloner")));
		assertThat(exit).isEqualTo(6);
		assertThat(stderr()).startsWith("REF_BC_006")
			.contains("cloner.target.password and cloner.target.password-kms are both set")
			.doesNotContain(PASSWORD);
		assertNothingTouched(repository, SOURCE + "_clone");
	}

	@Test
	void encryptWithoutAKeyIdPrintsUsageAndNothingOnStandardOutput() {
		int exit = ClonerCommandLine.run(new String[] { "encrypt" }, stdin(PASSWORD), capture(), captureErr());
		assertThat(exit).isEqualTo(8);
		assertThat(stdout()).isEmpty();
		assertThat(stderr()).startsWith("REF_BC_008").contains("--key-id=", "Usage:");
	}

	/**
	 * Runs a command as the source's user, whose password comes only from the given
	 * settings.
	 */
	private int run(String repository, String command, String... settings) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("cloner.source.url", TestServer.url(SOURCE));
		all.put("cloner.source.username", USER);
		all.put("cloner.backup.dir", BACKUPS.toString());
		all.put("cloner.kms.endpoint", kms.endpoint().toString());
		all.put("cloner.kms.encryption-context.app", "db-cloner");
		all.put("spring.datasource.url", TestServer.url(repository));
		all.put("spring.datasource.username", USER);
		all.put("spring.datasource.hikari.connection-timeout", "2000");
		for (String setting : settings) {
			all.put(setting.substring(2, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
		}
		List<String> args = new ArrayList<>(List.of(command));
		all.forEach((name, value) -> args.add("--" + name + "=" + value));
		return ClonerCommandLine.run(args.toArray(String[]::new), stdin(""), capture(), captureErr());
	}

	private static void assertNothingTouched(String repository, String clone) {
		assertThat(
				TestServer.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?", repository))
			.as("tables in the job repository")
			.isEmpty();
		assertThat(TestServer.databaseExists(clone)).as("clone database exists").isFalse();
	}

	/**
	 * An empty database for a job repository, or a name for a clone, dropped after the
	 * class.
	 */
	private static String database(String purpose) {
		String name = TestServer.uniqueName(SOURCE + "_" + purpose);
		DATABASES.add(name);
		if (purpose.equals("repo")) {
			TestServer.execute("CREATE DATABASE `" + name + "`");
		}
		return name;
	}

	/**
	 * Every value of every column of every row of every BATCH_ table of the job
	 * repository.
	 */
	private static String jobRepositoryText(String repository) throws SQLException {
		StringBuilder text = new StringBuilder();
		List<String> tables = TestServer
			.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? "
					+ "AND TABLE_NAME LIKE 'BATCH\\_%'", repository);
		assertThat(tables).contains("BATCH_JOB_EXECUTION_PARAMS", "BATCH_STEP_EXECUTION_CONTEXT");
		try (Connection connection = TestServer.connect(); Statement statement = connection.createStatement()) {
			for (String table : tables) {
				try (ResultSet rs = statement.executeQuery("SELECT * FROM `" + repository + "`.`" + table + "`")) {
					while (rs.next()) {
						for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
							text.append(rs.getString(column)).append('\n');
						}
					}
				}
			}
		}
		return text.toString();
	}

	/** Every file under the backup directory, row files decompressed, as text. */
	private static String backupText() throws IOException {
		StringBuilder text = new StringBuilder();
		try (Stream<Path> files = Files.walk(BACKUPS)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				text.append(file).append('\n');
				try (InputStream in = file.toString().endsWith(".zst") ? new ZstdInputStream(Files.newInputStream(file))
						: Files.newInputStream(file)) {
					text.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).append('\n');
				}
			}
		}
		return text.toString();
	}

	private static String lastExit(String repository) {
		return TestServer
			.query("SELECT EXIT_CODE FROM `" + repository + "`.BATCH_JOB_EXECUTION "
					+ "ORDER BY JOB_EXECUTION_ID DESC LIMIT 1")
			.get(0);
	}

	private static String base64(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	private static InputStream stdin(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	private PrintStream capture() {
		this.out = new ByteArrayOutputStream();
		return new PrintStream(this.out, true, StandardCharsets.UTF_8);
	}

	private PrintStream captureErr() {
		this.err = new ByteArrayOutputStream();
		return new PrintStream(this.err, true, StandardCharsets.UTF_8);
	}

	private String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
