package com.acalsa.dbcloner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import com.acalsa.dbcloner.credentials.Secret;
import com.acalsa.dbcloner.mysql.DatabaseEndpoint;

/**
 * The MySQL-compatible server the tests run against: the local MariaDB by default, any
 * MySQL 8 / MariaDB server through {@code DB_CLONER_TEST_URL} (a server URL ending in
 * {@code /}), {@code DB_CLONER_TEST_USER} and {@code DB_CLONER_TEST_PASSWORD}. Each test
 * class makes its own {@code <base>_<random>} databases and drops them.
 */
public final class TestServer {

	public static final String URL = env("DB_CLONER_TEST_URL", "jdbc:mysql://127.0.0.1:3306/");

	public static final String USER = env("DB_CLONER_TEST_USER", "root");

	public static final String PASSWORD = env("DB_CLONER_TEST_PASSWORD", "");

	private TestServer() {
	}

	public static String uniqueName(String base) {
		return base + "_" + UUID.randomUUID().toString().substring(0, 8);
	}

	public static String url(String database) {
		return URL + database;
	}

	public static final DatabaseEndpoint SERVER = new DatabaseEndpoint(URL, USER, Secret.of(PASSWORD));

	public static Connection connect() throws SQLException {
		return SERVER.connect();
	}

	public static void execute(String... statements) {
		execute(SERVER, statements);
	}

	public static void execute(DatabaseEndpoint server, String... statements) {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String createDatabase(String base) {
		String name = uniqueName(base);
		execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
		return name;
	}

	public static void dropDatabases(String... names) {
		for (String name : names) {
			execute("DROP DATABASE IF EXISTS `" + name + "`");
		}
	}

	public static boolean databaseExists(String name) {
		return !query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name).isEmpty();
	}

	/** The first column of every row of a query with string parameters. */
	public static List<String> query(String sql, String... parameters) {
		return query(SERVER, sql, parameters);
	}

	public static List<String> query(DatabaseEndpoint server, String sql, String... parameters) {
		try (Connection connection = server.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			List<String> values = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					values.add(rs.getString(1));
				}
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An independent digest of every base table of {@code database} (the clone's mark
	 * left out): its row count and a sum of MD5s over the hex of every column's exact
	 * bytes, NULL told apart from empty, TIMESTAMPs in UTC. Computed by the server, with
	 * nothing of the program's own comparison.
	 */
	public static Map<String, String> digests(String database) {
		return digests(SERVER, database);
	}

	public static Map<String, String> digests(DatabaseEndpoint server, String database) {
		Map<String, String> digests = new TreeMap<>();
		for (String table : query(server, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? "
				+ "AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> '_db_cloner'", database)) {
			List<String> columns = query(server,
					"SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? "
							+ "AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
					database, table);
			String row = columns.stream()
				.map((c) -> "IFNULL(HEX(CAST(`" + c.replace("`", "``") + "` AS BINARY)), 'null')")
				.collect(Collectors.joining(", ", "CONCAT_WS('|', ", ")"));
			String sql = "SELECT CONCAT(COUNT(*), ':', IFNULL(SUM(CAST(CONV(SUBSTRING(MD5(" + row
					+ "), 1, 15), 16, 10) AS UNSIGNED)), 0)) FROM `" + database + "`.`" + table.replace("`", "``")
					+ "`";
			digests.put(table, queryInUtc(server, sql));
		}
		return digests;
	}

	private static String queryInUtc(DatabaseEndpoint server, String sql) {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			statement.execute("SET time_zone = '+00:00'");
			try (ResultSet rs = statement.executeQuery(sql)) {
				rs.next();
				return rs.getString(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isEmpty()) ? fallback : value;
	}

}
