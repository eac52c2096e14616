package com.acalsa.dbcloner.snapshot;

import java.util.List;

/**
 * What a backup directory holds, written last (so a directory without it is a half-written backup): the source
 * database's defaults, and for each table its DDL, its columns, the key that orders its rows, and its row file with
 * size and SHA-256. It names the source by {@code host:port/database} only: no user, no password.
 *
 * @param formatVersion version of this layout, for future readers
 * @param source {@code host:port/database} of the source
 * @param database the source database's name
 * @param characterSet the source database's default character set
 * @param collation the source database's default collation
 * @param serverVersion {@code VERSION()} of the source server
 * @param snapshotAt {@code NOW(6)} in UTC, read inside the snapshot
 * @param tables the base tables, in the order they were backed up
 */
public record Manifest(int formatVersion, String source, String database, String characterSet, String collation,
		String serverVersion, String snapshotAt, List<TableEntry> tables) {

	public static final int FORMAT_VERSION = 1;

	/**
	 * One table of the backup.
	 *
	 * @param name the table's name
	 * @param ddl {@code SHOW CREATE TABLE} output, taken inside the snapshot
	 * @param columns the stored columns in file order (generated columns are left out: the server computes them)
	 * @param jsonColumns the columns of MySQL's JSON type, which must be loaded through a utf8mb4 conversion
	 * @param keyColumns the columns that order the rows (primary or non-null unique key); empty when there is none
	 * @param file the row file, relative to the backup directory
	 * @param rows how many rows the file holds
	 * @param bytes the file's size
	 * @param sha256 the file's SHA-256, hex
	 */
	public record TableEntry(String name, String ddl, List<String> columns, List<String> jsonColumns,
			List<String> keyColumns, String file, long rows, long bytes, String sha256) {

	}

}
