package com.acalsa.dbcloner.mysql;

import java.util.Locale;
import java.util.Set;

/**
 * A stored column of a table and how its value travels. Every value is read as the text
 * or bytes the server sends, except FLOAT: MariaDB renders a FLOAT with six significant
 * digits (1.0000001 reads as "1"), so it is read as {@code CAST(col AS DOUBLE)}, which
 * renders the exact float value and loads back into the same float. MySQL's JSON refuses
 * the binary character set, so it is loaded through a utf8mb4 conversion.
 *
 * @param name the column's name
 * @param dataType {@code information_schema.COLUMNS.DATA_TYPE}, lower case
 * @param nullable whether the column accepts NULL ({@code IS_NULLABLE})
 * @param autoIncrement whether it is the table's AUTO_INCREMENT column
 */
public record TableColumn(String name, String dataType, boolean nullable, boolean autoIncrement) {

	private static final Set<String> PLAIN_TEXT_TYPES = Set.of("tinyint", "smallint", "mediumint", "int", "bigint",
			"decimal", "float", "double", "date", "time", "datetime", "timestamp", "year");

	public TableColumn {
		dataType = dataType.toLowerCase(Locale.ROOT);
	}

	/**
	 * The expression the backup and the comparison select, so that both read the same
	 * exact rendering.
	 */
	public String selectExpression() {
		return "float".equals(this.dataType) ? "CAST(" + Identifiers.quote(this.name) + " AS DOUBLE)"
				: Identifiers.quote(this.name);
	}

	/**
	 * Numbers, dates and times: the server renders them as ASCII digits, signs, points,
	 * exponents, dashes, colons and spaces, with no character set of their own, so the
	 * row files need not escape them and the digest need not convert them.
	 */
	public boolean isPlainText() {
		return PLAIN_TEXT_TYPES.contains(this.dataType);
	}

	public boolean isJson() {
		return "json".equals(this.dataType);
	}

}
