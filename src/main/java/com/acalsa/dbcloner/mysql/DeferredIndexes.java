package com.acalsa.dbcloner.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Splits an InnoDB table's {@code SHOW CREATE TABLE} into the table without its secondary
 * indexes and foreign keys, to load the rows into, and the {@code ALTER TABLE} that adds
 * them back afterwards. InnoDB builds an index added to a full table by sorting (MySQL
 * manual, "Sorted Index Builds"), much faster than maintaining it row by row during the
 * load, which is what myloader's {@code --innodb-optimize-keys} does too. With
 * {@code foreign_key_checks=0} the foreign keys are added without a scan, in a second
 * statement: a table's indexes can be built as soon as its own rows are in, while a
 * foreign key waits for the tables it references to be loaded (adding one locks them).
 * Indexes and keys come back in their original order, so {@code SHOW CREATE TABLE} ends
 * up as it was (the comparison checks it). FULLTEXT and SPATIAL indexes, partitioned
 * tables and other engines are left as they are.
 *
 * @param createTable the {@code CREATE TABLE} to run before the load
 * @param addIndexes the {@code ALTER TABLE} that adds the secondary indexes back, if any
 * @param addForeignKeys the {@code ALTER TABLE} that adds the foreign keys back, if any
 * back
 */
public record DeferredIndexes(String createTable, Optional<String> addIndexes, Optional<String> addForeignKeys) {

	private static final Pattern INDEX = Pattern.compile("^  (KEY|UNIQUE KEY) ");

	private static final Pattern FOREIGN_KEY = Pattern.compile("^  CONSTRAINT `(?:[^`]|``)*` FOREIGN KEY ");

	public static DeferredIndexes split(String database, String table, String ddl) {
		String[] lines = ddl.split("\n", -1);
		String last = lines[lines.length - 1];
		if (!last.startsWith(") ENGINE=InnoDB") || ddl.contains("PARTITION BY")) {
			return new DeferredIndexes(ddl, Optional.empty(), Optional.empty());
		}
		List<String> kept = new ArrayList<>();
		List<String> indexes = new ArrayList<>();
		List<String> foreignKeys = new ArrayList<>();
		for (int i = 1; i < lines.length - 1; i++) {
			String definition = lines[i].endsWith(",") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
			if (INDEX.matcher(definition).find()) {
				indexes.add(definition);
			}
			else if (FOREIGN_KEY.matcher(definition).find()) {
				foreignKeys.add(definition);
			}
			else {
				kept.add(definition);
			}
		}
		if (indexes.isEmpty() && foreignKeys.isEmpty()) {
			return new DeferredIndexes(ddl, Optional.empty(), Optional.empty());
		}
		String create = lines[0] + "\n" + String.join(",\n", kept) + "\n" + last;
		return new DeferredIndexes(create, alter(database, table, indexes), alter(database, table, foreignKeys));
	}

	private static Optional<String> alter(String database, String table, List<String> definitions) {
		if (definitions.isEmpty()) {
			return Optional.empty();
		}
		List<String> adds = definitions.stream().map((definition) -> "ADD " + definition.trim()).toList();
		return Optional.of("ALTER TABLE " + Identifiers.qualify(database, table) + " " + String.join(", ", adds));
	}

}
