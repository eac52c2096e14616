package com.acalsa.dbcloner.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import com.acalsa.dbcloner.FidelitySchema;
import com.acalsa.dbcloner.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest the backup computes in Java equals the digest the server computes with
 * {@link RowDigest#sql}, for every type of the fidelity schema: otherwise every range
 * would be read row by row. And a digest moves when one value does.
 */
class RowDigestIntegrationTests {

	private static final String DB = TestServer.uniqueName("digest");

	@BeforeAll
	static void createSchema() {
		TestServer.execute("CREATE DATABASE `" + DB + "`");
		FidelitySchema.create(DB);
		TestServer.execute("CREATE TABLE `" + DB + "`.nullable_flags (id INT PRIMARY KEY, a VARCHAR(5) NULL, "
				+ "b VARCHAR(5) NOT NULL, c INT NULL)");
		TestServer.execute("INSERT INTO `" + DB + "`.nullable_flags VALUES (1, NULL, '', NULL), (2, '', '', 0)");
		TestServer.execute("CREATE TABLE `" + DB + "`.all_not_null (id INT PRIMARY KEY, b VARCHAR(5) NOT NULL)");
		TestServer.execute("INSERT INTO `" + DB + "`.all_not_null VALUES (1, ''), (2, 'x')");
	}

	@AfterAll
	static void dropSchema() {
		TestServer.dropDatabases(DB);
	}

	@Test
	void javaAndServerDigestsAgreeForEveryTypeAndTable() throws Exception {
		try (Connection connection = TestServer.connect()) {
			Sessions.readRawValues(connection);
			for (String name : TableShape.baseTables(connection, DB)) {
				TableShape table = TableShape.read(connection, DB, name);
				assertThat(javaDigest(connection, table)).as(name).isEqualTo(serverDigest(connection, table));
			}
		}
	}

	@Test
	void oneChangedValueChangesTheDigest() throws Exception {
		try (Connection connection = TestServer.connect()) {
			Sessions.readRawValues(connection);
			TableShape table = TableShape.read(connection, DB, "no key");
			String before = serverDigest(connection, table);
			TestServer.execute("UPDATE `" + DB + "`.`no key` SET b = 'X' WHERE b = 'x' LIMIT 1");
			assertThat(serverDigest(connection, table)).isNotEqualTo(before);
			TestServer.execute("UPDATE `" + DB + "`.`no key` SET b = 'x' WHERE b = 'X' AND a = 1");
			assertThat(serverDigest(connection, table)).isEqualTo(before);
		}
	}

	@Test
	void aNullAndAnEmptyStringDigestDifferently() throws Exception {
		try (Connection connection = TestServer.connect()) {
			Sessions.readRawValues(connection);
			TableShape table = TableShape.read(connection, DB, "nullable_flags");
			assertThat(table.columns()).extracting(TableColumn::nullable).containsExactly(false, true, false, true);
			String before = serverDigest(connection, table);
			TestServer.execute("UPDATE `" + DB + "`.nullable_flags SET a = '' WHERE id = 1");
			String after = serverDigest(connection, table);
			assertThat(after).isNotEqualTo(before).isEqualTo(javaDigest(connection, table));
			TestServer.execute("UPDATE `" + DB + "`.nullable_flags SET a = NULL WHERE id = 1");
			assertThat(serverDigest(connection, table)).isEqualTo(before);
		}
	}

	private static String javaDigest(Connection connection, TableShape table) throws Exception {
		RowDigest digest = new RowDigest(table.columns());
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(table.selectRows(DB))) {
			while (rs.next()) {
				byte[][] row = new byte[table.columns().size()][];
				for (int i = 0; i < row.length; i++) {
					row[i] = rs.getBytes(i + 1);
				}
				digest.add(row);
			}
		}
		return digest.value();
	}

	private static String serverDigest(Connection connection, TableShape table) throws Exception {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(RowDigest.sql(DB, table, KeyRange.ALL))) {
			rs.next();
			return rs.getString(1);
		}
	}

}
