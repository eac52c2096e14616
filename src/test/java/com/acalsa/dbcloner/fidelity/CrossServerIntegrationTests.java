package com.acalsa.dbcloner.fidelity;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Random;

import com.acalsa.dbcloner.FidelitySchema;
import com.acalsa.dbcloner.SecondServer;
import com.acalsa.dbcloner.TestServer;
import com.acalsa.dbcloner.cli.ClonerCommandLine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clones from one server to another, as from production RDS to a test instance: servers
 * in different time zones (the shared server in UTC, a private one in UTC+5, the JVM in
 * UTC+14), a 20 MB BLOB into a target with RDS's default {@code max_allowed_packet} of 64
 * MB, and a row too large for a target whose limit is lower.
 */
class CrossServerIntegrationTests {

	private static final String SOURCE = TestServer.uniqueName("cross-src");

	private static final String BIG = "big_rows";

	private static final int TWENTY_MB = 20 * 1024 * 1024;

	private static SecondServer bigSource;

	private static SecondServer target;

	private static SecondServer smallTarget;

	private ByteArrayOutputStream err;

	@BeforeAll
	static void startServers() throws Exception {
		bigSource = SecondServer.start("--default-time-zone=-08:00", "--max-allowed-packet=64M");
		target = SecondServer.start("--default-time-zone=+05:00", "--max-allowed-packet=64M");
		smallTarget = SecondServer.start("--max-allowed-packet=8M");
		TestServer.execute("CREATE DATABASE `" + SOURCE + "` CHARACTER SET utf8mb4");
		FidelitySchema.create(SOURCE);
		TestServer.execute(bigSource.endpoint(), "CREATE DATABASE " + BIG,
				"CREATE TABLE " + BIG + ".blobs (id INT PRIMARY KEY, body LONGBLOB)");
		byte[] twentyMegabytes = new byte[TWENTY_MB];
		new Random(20).nextBytes(twentyMegabytes);
		try (Connection connection = bigSource.endpoint().connect();
				PreparedStatement insert = connection.prepareStatement("INSERT INTO " + BIG + ".blobs VALUES (?, ?)")) {
			for (int id = 1; id <= 3; id++) {
				insert.setInt(1, id);
				insert.setBytes(2, (id == 2) ? twentyMegabytes : new byte[] { (byte) id });
				insert.executeUpdate();
			}
		}
	}

	@AfterAll
	static void stopServers() throws Exception {
		TestServer.dropDatabases(SOURCE);
		for (SecondServer server : new SecondServer[] { bigSource, target, smallTarget }) {
			if (server != null) {
				server.close();
			}
		}
	}

	@Test
	void aCloneToAServerInAnotherTimeZoneKeepsEveryValue() {
		// when
		int exit = run(TestServer.url(SOURCE), target, "tz_clone");

		// then
		assertThat(exit).as(stderr()).isZero();
		assertThat(TestServer.digests(target.endpoint(), "tz_clone")).isEqualTo(TestServer.digests(SOURCE));
		assertThat(TestServer.query(target.endpoint(), "SELECT @@global.time_zone")).containsExactly("+05:00");
	}

	@Test
	void aTwentyMegabyteBlobRestoresIntoATargetWithTheRdsDefaultPacketSize() {
		// when
		int exit = run(bigSource.serverUrl() + BIG, target, "big_clone");

		// then
		assertThat(exit).as(stderr()).isZero();
		assertThat(TestServer.digests(target.endpoint(), "big_clone"))
			.isEqualTo(TestServer.digests(bigSource.endpoint(), BIG));
	}

	@Test
	void aRowLargerThanTheTargetsMaxAllowedPacketStopsTheRestoreNamingTableKeyAndSetting() {
		// when
		int exit = run(bigSource.serverUrl() + BIG, smallTarget, "too_big_clone");

		// then
		assertThat(exit).isEqualTo(4);
		assertThat(stderr()).startsWith("REF_BC_004 ERROR_RESTORE_BACKUP")
			.contains("table `blobs`", "(id=2)", "max_allowed_packet (8388608)");
		assertThat(TestServer.query(smallTarget.endpoint(),
				"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'too_big_clone' AND TABLE_NAME = 'blobs'"))
			.containsExactly("0");
	}

	private int run(String sourceUrl, SecondServer targetServer, String clone) {
		this.err = new ByteArrayOutputStream();
		String[] args = { "clone", "--cloner.source.url=" + sourceUrl, "--cloner.source.username=root",
				"--cloner.source.password=" + (sourceUrl.startsWith(TestServer.URL) ? TestServer.PASSWORD : ""),
				"--cloner.target.url=" + targetServer.serverUrl(), "--cloner.target.username=root",
				"--cloner.target.password=", "--cloner.target.database=" + clone,
				"--cloner.backup.dir=target/test-backups/cross", "--spring.datasource.url=jdbc:h2:mem:" + clone };
		return ClonerCommandLine.run(args, new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
