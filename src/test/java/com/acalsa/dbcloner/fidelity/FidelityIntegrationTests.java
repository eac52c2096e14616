package com.acalsa.dbcloner.fidelity;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.acalsa.dbcloner.FidelitySchema;
import com.acalsa.dbcloner.TestServer;
import com.acalsa.dbcloner.cli.ClonerCommandLine;
import com.acalsa.dbcloner.demo.SampleSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clones of a schema with every object and data type: equal by an independent digest of
 * every column's bytes and by every object's {@code SHOW CREATE} (definers and the
 * database name aside); a source written to during the whole run; and a clone tampered
 * with in each way the comparison must catch. The test JVM runs in Pacific/Kiritimati
 * (UTC+14, see the Surefire configuration) against servers in UTC.
 */
class FidelityIntegrationTests {

	private static final String SOURCE = TestServer.uniqueName("fidelity-src");

	private static final String SHOP = TestServer.uniqueName("fidelity_shop");

	private static final List<String> CLONES = new ArrayList<>();

	private ByteArrayOutputStream err;

	@BeforeAll
	static void createSources() throws SQLException {
		TestServer.execute("CREATE DATABASE `" + SOURCE + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
				"CREATE DATABASE `" + SHOP + "`");
		FidelitySchema.create(SOURCE);
		try (Connection connection = TestServer.connect()) {
			SampleSchema.create(connection, SHOP, 20_000);
		}
	}

	@AfterAll
	static void dropDatabases() {
		TestServer.dropDatabases(SOURCE, SHOP);
		TestServer.dropDatabases(CLONES.toArray(String[]::new));
	}

	@Test
	void everyObjectAndDataTypeSurvivesTheCloneBitForBit() {
		// given
		assertThat(TimeZone.getDefault().getID()).isEqualTo("Pacific/Kiritimati");
		String clone = clone("all");

		// when
		int exit = run(SOURCE, "clone", clone);

		// then
		assertThat(exit).as(stderr()).isZero();
		assertThat(TestServer.digests(clone)).isEqualTo(TestServer.digests(SOURCE))
			.containsKeys("all types", "no key", "weird `name. ñ", "engine_myisam");
		assertThat(showCreateAll(clone)).isEqualTo(showCreateAll(SOURCE));
		assertThat(TestServer.query("SELECT COUNT(*) FROM `" + clone + "`.audit")).containsExactly("0");
		assertThat(TestServer.query("SELECT CONCAT(DEFAULT_CHARACTER_SET_NAME, '/', DEFAULT_COLLATION_NAME) "
				+ "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", clone))
			.containsExactly("utf8mb4/utf8mb4_unicode_ci");
	}

	@Test
	void verifyCatchesAChangedByteInABlob() {
		assertTampering("UPDATE `%s`.`all types` SET mb = INSERT(mb, 100, 1, 'X') WHERE id = 1",
				"table `all types`: the row at key (id=1) differs in column `mb`");
	}

	@Test
	void verifyCatchesADroppedTrigger() {
		assertTampering("DROP TRIGGER `%s`.employee_check", "TRIGGER `employee_check` of the snapshot is missing");
	}

	@Test
	void verifyCatchesAChangedColumnDefault() {
		assertTampering("ALTER TABLE `%s`.counter ALTER v SET DEFAULT 5", "definition of table `counter`");
	}

	@Test
	void verifyCatchesAMovedTimestamp() {
		assertTampering("UPDATE `%s`.`all types` SET ts = ts - INTERVAL 1 HOUR WHERE id = 1",
				"table `all types`: the row at key (id=1) differs in column `ts`");
	}

	@Test
	void aSourceWrittenToDuringTheWholeRunStillGivesAVerifiedClone() throws Exception {
		// given: a writer inserting, updating and deleting on the source until the run
		// ends
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong writes = new AtomicLong();
		Thread writer = new Thread(() -> writeUntilStopped(running, writes));
		writer.start();
		int exit;
		try {
			// when
			exit = run(SHOP, "clone", clone("live"));
		}
		finally {
			running.set(false);
			writer.join();
		}

		// then
		assertThat(exit).as(stderr()).isZero();
		assertThat(writes.get()).isGreaterThan(0);
	}

	private void assertTampering(String tamper, String expectedDifference) {
		String clone = clone("tampered");
		assertThat(run(SOURCE, "clone", clone)).as(stderr()).isZero();
		TestServer.execute(String.format(tamper, clone));

		int exit = run(SOURCE, "verify", clone);

		assertThat(exit).isEqualTo(5);
		assertThat(stderr()).startsWith("REF_BC_005").contains(expectedDifference);
	}

	private static void writeUntilStopped(AtomicBoolean running, AtomicLong writes) {
		try (Connection connection = TestServer.connect(); Statement statement = connection.createStatement()) {
			statement.execute("USE `" + SHOP + "`");
			for (int i = 1; running.get(); i++) {
				statement.executeUpdate("INSERT INTO event_log VALUES (NOW(), 'LIVE', 'write " + i + "')");
				statement.executeUpdate("UPDATE customer SET balance = balance + 1 WHERE id = " + (1 + i % 20_000));
				statement
					.executeUpdate("DELETE FROM event_log WHERE level = 'LIVE' AND message = 'write " + (i - 5) + "'");
				writes.addAndGet(3);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every object's {@code SHOW CREATE} text, with definers and the database's own name
	 * taken out.
	 */
	private static Map<String, String> showCreateAll(String db) {
		Map<String, String> all = new TreeMap<>();
		String[][] kinds = {
				{ "TABLE",
						"SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? "
								+ "AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> '_db_cloner'",
						"2" },
				{ "VIEW", "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?", "2" },
				{ "TRIGGER", "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?", "3" },
				{ "FUNCTION",
						"SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? "
								+ "AND ROUTINE_TYPE = 'FUNCTION'",
						"3" },
				{ "PROCEDURE",
						"SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? "
								+ "AND ROUTINE_TYPE = 'PROCEDURE'",
						"3" },
				{ "EVENT", "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?", "4" } };
		try (Connection connection = TestServer.connect(); Statement statement = connection.createStatement()) {
			statement.execute("USE `" + db + "`");
			for (String[] kind : kinds) {
				for (String name : TestServer.query(kind[1], db)) {
					try (ResultSet rs = statement
						.executeQuery("SHOW CREATE " + kind[0] + " `" + name.replace("`", "``") + "`")) {
						rs.next();
						String text = rs.getString(Integer.parseInt(kind[2]))
							.replaceAll("DEFINER=([`\"])[^`\"]*\\1@([`\"])[^`\"]*\\2 ", "")
							.replace("`" + db + "`.", "");
						all.put(kind[0] + " " + name, text);
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return all;
	}

	private int run(String source, String command, String clone) {
		this.err = new ByteArrayOutputStream();
		String[] args = { command, "--cloner.source.url=" + TestServer.url(source),
				"--cloner.source.username=" + TestServer.USER, "--cloner.source.password=" + TestServer.PASSWORD,
				"--cloner.target.database=" + clone, "--cloner.backup.dir=target/test-backups/" + source,
				"--spring.datasource.url=jdbc:h2:mem:" + clone };
		return ClonerCommandLine.run(args, new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	private static String clone(String name) {
		String clone = TestServer.uniqueName("fidelity_" + name);
		CLONES.add(clone);
		return clone;
	}

}
