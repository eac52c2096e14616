package com.acalsa.dbcloner.mysql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Quoting of MySQL identifiers. Every database, table and column name the program writes
 * into SQL goes through {@link #quote(String)}: backticks around the name and every
 * embedded backtick doubled (MySQL manual, "Schema Object Names"), which makes reserved
 * words, spaces, dots and non-ASCII letters safe.
 */
public final class Identifiers {

	private Identifiers() {
	}

	public static String quote(String identifier) {
		if (identifier == null || identifier.isEmpty()) {
			throw new IllegalArgumentException("An identifier must not be empty");
		}
		return "`" + identifier.replace("`", "``") + "`";
	}

	public static String qualify(String database, String table) {
		return quote(database) + "." + quote(table);
	}

	public static String quoteAll(List<String> identifiers) {
		return identifiers.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
	}

}
