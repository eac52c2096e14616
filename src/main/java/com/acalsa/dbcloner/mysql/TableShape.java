package com.acalsa.dbcloner.mysql;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A base table as the program needs to know it: its DDL, the columns that hold data (in
 * order, generated columns left out because the server computes them, invisible columns
 * included because {@code SELECT *} would miss them), the JSON columns, and the key that
 * gives its rows a stable order. Read from {@code information_schema} and
 * {@code SHOW CREATE TABLE}, never from the cached statistics (MySQL manual,
 * "information_schema_stats_expiry").
 *
 * @param name the table's name
 * @param ddl {@code SHOW CREATE TABLE} output
 * @param columns stored columns in ordinal order
 * @param keyColumns primary key, else the first unique key whose columns are all NOT
 * NULL, else empty
 */
public record TableShape(String name, String ddl, List<TableColumn> columns, List<String> keyColumns) {

	private static final String SQL_BASE_TABLES = "SELECT TABLE_NAME FROM information_schema.TABLES "
			+ "WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME";

	private static final String SQL_COLUMNS = "SELECT COLUMN_NAME, DATA_TYPE, EXTRA, IS_NULLABLE FROM information_schema.COLUMNS "
			+ "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";

	/**
	 * Unique indexes with all columns NOT NULL, the primary key first (MySQL calls it
	 * PRIMARY on both servers).
	 */
	private static final String SQL_UNIQUE_KEYS = "SELECT s.INDEX_NAME, s.COLUMN_NAME, c.IS_NULLABLE "
			+ "FROM information_schema.STATISTICS s JOIN information_schema.COLUMNS c "
			+ "ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME "
			+ "WHERE s.TABLE_SCHEMA = ? AND s.TABLE_NAME = ? AND s.NON_UNIQUE = 0 AND s.SUB_PART IS NULL "
			+ "ORDER BY s.INDEX_NAME <> 'PRIMARY', s.INDEX_NAME, s.SEQ_IN_INDEX";

	private static final int MAX_KEY_TEXT = 200;

	private static final Set<String> INTEGER_TYPES = Set.of("tinyint", "smallint", "mediumint", "int", "bigint");

	/**
	 * {@code DEFAULT_GENERATED} (MySQL's mark for expression defaults) is not a generated
	 * column.
	 */
	private static final Pattern GENERATED = Pattern.compile("\\b(VIRTUAL|STORED|PERSISTENT) GENERATED\\b",
			Pattern.CASE_INSENSITIVE);

	public static List<String> baseTables(Connection connection, String database) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(SQL_BASE_TABLES)) {
			statement.setString(1, database);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
		}
		return tables;
	}

	public static TableShape read(Connection connection, String database, String table) throws SQLException {
		List<TableColumn> columns = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(SQL_COLUMNS)) {
			statement.setString(1, database);
			statement.setString(2, table);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					if (!GENERATED.matcher(rs.getString(3)).find()) {
						columns.add(new TableColumn(rs.getString(1), rs.getString(2), "YES".equals(rs.getString(4)),
								rs.getString(3).toLowerCase(Locale.ROOT).contains("auto_increment")));
					}
				}
			}
		}
		return new TableShape(table, showCreateTable(connection, database, table), columns,
				orderingKey(connection, database, table));
	}

	public static String showCreateTable(Connection connection, String database, String table) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + Identifiers.qualify(database, table))) {
			rs.next();
			return rs.getString(2);
		}
	}

	/**
	 * The {@code SELECT} that streams the rows in a stable order: by the key when there
	 * is one, otherwise by the bytes of every selected value, so that two copies of the
	 * same rows come out in the same order on any server (rows that tie are then
	 * identical).
	 */
	public String selectRows(String database) {
		return selectRows(database, KeyRange.ALL);
	}

	/** The rows of one range, in the same order. */
	public String selectRows(String database, KeyRange range) {
		String order = this.keyColumns.isEmpty() ? this.columns.stream()
			.map((column) -> "CAST(" + column.selectExpression() + " AS BINARY)")
			.collect(Collectors.joining(", ")) : Identifiers.quoteAll(this.keyColumns);
		String select = this.columns.stream().map(TableColumn::selectExpression).collect(Collectors.joining(", "));
		return "SELECT " + select + " FROM " + Identifiers.qualify(database, this.name) + " WHERE " + condition(range)
				+ " ORDER BY " + order;
	}

	/** The SQL condition that selects {@code range} of this table. */
	public String condition(KeyRange range) {
		return range.isAll() ? "TRUE" : range.condition(splitColumn().orElseThrow());
	}

	/**
	 * The column that cuts the table into {@link KeyRange}s: the key's first column when
	 * it is an integer, so that a range is an index range scan. Other tables go whole to
	 * one worker.
	 */
	public Optional<String> splitColumn() {
		if (this.keyColumns.isEmpty()) {
			return Optional.empty();
		}
		String first = this.keyColumns.get(0);
		return this.columns.stream()
			.filter((column) -> column.name().equals(first) && INTEGER_TYPES.contains(column.dataType()))
			.map(TableColumn::name)
			.findFirst();
	}

	public List<String> columnNames() {
		return this.columns.stream().map(TableColumn::name).toList();
	}

	/**
	 * The row's key as an operator reads it, {@code (id=17)}: the key columns, or every
	 * column for a table without a key; cut short past {@value #MAX_KEY_TEXT} characters.
	 */
	public String describeKey(byte[][] row) {
		List<String> names = columnNames();
		List<String> keyColumns = this.keyColumns.isEmpty() ? names : this.keyColumns;
		StringJoiner key = new StringJoiner(", ", "(", ")");
		for (String column : keyColumns) {
			byte[] value = row[names.indexOf(column)];
			key.add(column + "=" + ((value != null) ? new String(value, StandardCharsets.UTF_8) : "NULL"));
		}
		String text = key.toString();
		return (text.length() > MAX_KEY_TEXT) ? text.substring(0, MAX_KEY_TEXT) + "…)" : text;
	}

	private static List<String> orderingKey(Connection connection, String database, String table) throws SQLException {
		List<String> key = new ArrayList<>();
		String keyName = null;
		boolean usable = true;
		try (PreparedStatement statement = connection.prepareStatement(SQL_UNIQUE_KEYS)) {
			statement.setString(1, database);
			statement.setString(2, table);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					String index = rs.getString(1);
					if (!index.equals(keyName)) {
						if (keyName != null && usable) {
							return key;
						}
						keyName = index;
						key.clear();
						usable = true;
					}
					key.add(rs.getString(2));
					usable &= "NO".equals(rs.getString(3));
				}
			}
		}
		return usable ? key : List.of();
	}

}
