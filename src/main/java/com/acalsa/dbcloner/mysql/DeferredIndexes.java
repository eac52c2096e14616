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
 * {@code foreign_key_checks=0} the foreign keys are added without a scan. Indexes and
 * keys come back in their original order, so {@code SHOW CREATE TABLE} ends up as it was
 * (the comparison checks it). FULLTEXT and SPATIAL indexes, partitioned tables and other
 * engines are left as they are.
 *
 * @param createTable the {@code CREATE TABLE} to run before the load
 * @param addBack the {@code ALTER TABLE} to run after it, if there is anything to add
 * back
 */
public record DeferredIndexes(String createTable, Optional<String> addBack) {

	private static final Pattern DEFERRABLE = Pattern
		.compile("^  (KEY|UNIQUE KEY|CONSTRAINT `(?:[^`]|``)*` FOREIGN KEY) ");

	public static DeferredIndexes split(String database, String table, String ddl) {
		String[] lines = ddl.split("\n", -1);
		String last = lines[lines.length - 1];
		if (!last.startsWith(") ENGINE=InnoDB") || ddl.contains("PARTITION BY")) {
			return new DeferredIndexes(ddl, Optional.empty());
		}
		List<String> kept = new ArrayList<>();
		List<String> deferred = new ArrayList<>();
		for (int i = 1; i < lines.length - 1; i++) {
			String definition = lines[i].endsWith(",") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
			(DEFERRABLE.matcher(definition).find() ? deferred : kept).add(definition);
		}
		if (deferred.isEmpty()) {
			return new DeferredIndexes(ddl, Optional.empty());
		}
		String create = lines[0] + "\n" + String.join(",\n", kept) + "\n" + last;
		List<String> adds = deferred.stream().map((definition) -> "ADD " + definition.trim()).toList();
		return new DeferredIndexes(create,
				Optional.of("ALTER TABLE " + Identifiers.qualify(database, table) + " " + String.join(", ", adds)));
	}

}
