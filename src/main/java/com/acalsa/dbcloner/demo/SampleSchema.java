package com.acalsa.dbcloner.demo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;

import com.acalsa.dbcloner.mysql.Identifiers;

/**
 * A small shop: customers, products, orders and their lines (related by foreign keys) and
 * an event log without a key, filled with deterministic but varied values: accents and
 * emoji, quotes, backslashes, tabs and newlines, binary photos, JSON, ENUMs,
 * fractional-second times and NULLs. {@code scale} customers give about eight times as
 * many rows in all. SQL that MySQL 8 and MariaDB 10.11 both accept.
 */
public final class SampleSchema {

	private static final List<String> DDL = List.of("""
			CREATE TABLE customer (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
			  name VARCHAR(100) NOT NULL, email VARCHAR(190) NULL UNIQUE, country CHAR(2) NULL,
			  balance DECIMAL(12,2) NOT NULL DEFAULT 0, notes TEXT NULL,
			  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)) DEFAULT CHARSET=utf8mb4""", """
			CREATE TABLE product (sku VARCHAR(20) NOT NULL PRIMARY KEY, title VARCHAR(200) NOT NULL,
			  price DECIMAL(10,2) NOT NULL, weight DOUBLE NULL, photo BLOB NULL,
			  status ENUM('active','retired') NOT NULL, attributes JSON NULL) DEFAULT CHARSET=utf8mb4""", """
			CREATE TABLE customer_order (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
			  customer_id INT UNSIGNED NOT NULL, ordered_on DATETIME(6) NOT NULL, total DECIMAL(14,2) NULL,
			  CONSTRAINT fk_order_customer FOREIGN KEY (customer_id) REFERENCES customer (id))
			  DEFAULT CHARSET=utf8mb4""", """
			CREATE TABLE order_line (order_id BIGINT NOT NULL, line_no SMALLINT NOT NULL, sku VARCHAR(20) NOT NULL,
			  qty INT NOT NULL, PRIMARY KEY (order_id, line_no),
			  CONSTRAINT fk_line_order FOREIGN KEY (order_id) REFERENCES customer_order (id),
			  CONSTRAINT fk_line_product FOREIGN KEY (sku) REFERENCES product (sku)) DEFAULT CHARSET=utf8mb4""", """
			CREATE TABLE event_log (happened_at DATETIME NOT NULL, level VARCHAR(8) NULL, message VARCHAR(500) NULL)
			  DEFAULT CHARSET=utf8mb4""");

	private static final String[] NAMES = { "Ana María", "José", "Zoë O'Brien", "Łukasz", "Søren", "François", "山田 太郎",
			"Back\\slash", "Tab\tName", "😀 Emoji" };

	private static final int BATCH = 2000;

	private SampleSchema() {
	}

	/** Creates the tables in {@code database} and fills them. */
	public static void create(Connection connection, String database, int scale) throws SQLException {
		connection.setCatalog(database);
		try (Statement statement = connection.createStatement()) {
			for (String ddl : DDL) {
				statement.execute(ddl);
			}
		}
		Random random = new Random(scale);
		insertCustomers(connection, scale, random);
		int products = scale / 10 + 1;
		insertProducts(connection, products, random);
		insertOrders(connection, scale, products, random);
		insertEvents(connection, scale, random);
	}

	/** Whether {@code database} already holds the sample (its first table). */
	public static boolean exists(Connection connection, String database) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'customer'")) {
			statement.setString(1, database);
			try (var rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1) > 0;
			}
		}
	}

	public static String createDatabaseSql(String database) {
		return "CREATE DATABASE IF NOT EXISTS " + Identifiers.quote(database) + " CHARACTER SET utf8mb4";
	}

	private static void insertCustomers(Connection connection, int count, Random random) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO customer (name, email, country, balance, notes, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
			for (int i = 1; i <= count; i++) {
				insert.setString(1, NAMES[i % NAMES.length] + " " + i);
				insert.setString(2, (i % 7 == 0) ? null : "customer" + i + "@example.com");
				insert.setString(3, (i % 5 == 0) ? null : List.of("MX", "ES", "US", "JP").get(i % 4));
				insert.setString(4, (random.nextInt(2_000_000) - 1_000_000) / 100 + "." + (i % 100 / 10) + (i % 10));
				insert.setString(5, (i % 3 == 0) ? null : (i % 3 == 1) ? "" : "line one\nline \"two\"\t'" + i + "'");
				insert.setString(6, String.format("2024-%02d-%02d %02d:%02d:%02d.%03d", 1 + i % 12, 1 + i % 28, i % 24,
						i % 60, (i * 7) % 60, i % 1000));
				addAndFlush(insert, i);
			}
			insert.executeBatch();
		}
	}

	private static void insertProducts(Connection connection, int count, Random random) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO product (sku, title, price, weight, photo, status, attributes) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
			for (int i = 1; i <= count; i++) {
				byte[] photo = new byte[i % 50 * 40];
				random.nextBytes(photo);
				insert.setString(1, "SKU-" + i);
				insert.setString(2, "Producto Nº " + i + " — ñandú");
				insert.setString(3, (i * 37 % 100000) / 100 + "." + (i % 100));
				insert.setString(4, (i % 4 == 0) ? null : Double.toString(random.nextDouble() * 1000));
				insert.setBytes(5, (i % 6 == 0) ? null : photo);
				insert.setString(6, (i % 9 == 0) ? "retired" : "active");
				insert.setString(7,
						(i % 2 == 0) ? null : "{\"color\": \"rojo\", \"size\": " + i + ", \"tags\": [\"a\", \"ü\"]}");
				addAndFlush(insert, i);
			}
			insert.executeBatch();
		}
	}

	private static void insertOrders(Connection connection, int customers, int products, Random random)
			throws SQLException {
		try (PreparedStatement order = connection
			.prepareStatement("INSERT INTO customer_order (id, customer_id, ordered_on, total) VALUES (?, ?, ?, ?)");
				PreparedStatement line = connection
					.prepareStatement("INSERT INTO order_line (order_id, line_no, sku, qty) VALUES (?, ?, ?, ?)")) {
			for (int i = 1; i <= customers * 2; i++) {
				order.setLong(1, i);
				order.setInt(2, 1 + random.nextInt(customers));
				order.setString(3, String.format("2025-%02d-%02d 10:%02d:%02d.%06d", 1 + i % 12, 1 + i % 28, i % 60,
						(i * 3) % 60, i % 1_000_000));
				order.setString(4, (i % 11 == 0) ? null : i % 5000 + ".25");
				addAndFlush(order, i);
				for (int n = 1; n <= 2; n++) {
					line.setLong(1, i);
					line.setInt(2, n);
					line.setString(3, "SKU-" + (1 + random.nextInt(products)));
					line.setInt(4, 1 + random.nextInt(20));
					line.addBatch();
				}
				if (i % BATCH == 0) {
					order.executeBatch();
					line.executeBatch();
				}
			}
			order.executeBatch();
			line.executeBatch();
		}
	}

	private static void insertEvents(Connection connection, int count, Random random) throws SQLException {
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO event_log (happened_at, level, message) VALUES (?, ?, ?)")) {
			for (int i = 1; i <= count; i++) {
				insert.setString(1, String.format("2025-06-%02d 12:00:%02d", 1 + i % 28, i % 60));
				insert.setString(2, (i % 10 == 0) ? null : List.of("INFO", "WARN", "ERROR").get(i % 3));
				insert.setString(3,
						(i % 13 == 0) ? "duplicate"
								: new String(("evento " + random.nextInt(1000) + " ✓").getBytes(StandardCharsets.UTF_8),
										StandardCharsets.UTF_8));
				addAndFlush(insert, i);
			}
			insert.executeBatch();
		}
	}

	private static void addAndFlush(PreparedStatement statement, int i) throws SQLException {
		statement.addBatch();
		if (i % BATCH == 0) {
			statement.executeBatch();
		}
	}

}
