package com.acalsa.dbcloner.snapshot;

import java.util.Comparator;
import java.util.List;

import com.acalsa.dbcloner.mysql.KeyRange;
import com.acalsa.dbcloner.mysql.SchemaObject;
import com.acalsa.dbcloner.mysql.TableColumn;
import com.acalsa.dbcloner.mysql.TableShape;

/**
 * What a backup directory holds, written last (so a directory without it is a
 * half-written backup): the source database's defaults, and for each table its DDL, its
 * columns, the key that orders its rows, and its row files, one per key range, each with
 * size, CRC-32C and a digest of its rows. It names the source by
 * {@code host:port/database} only: no user, no password.
 *
 * @param formatVersion version of this layout and of the row digests; a reader refuses
 * any other
 * @param source {@code host:port/database} of the source
 * @param database the source database's name
 * @param characterSet the source database's default character set
 * @param collation the source database's default collation
 * @param serverVersion {@code VERSION()} of the source server
 * @param snapshotAt {@code NOW(6)} in UTC, read inside the snapshot
 * @param tables the base tables, in the order they were backed up
 * @param objects views, routines, triggers and events, as {@code SHOW CREATE} gave them
 * inside the snapshot
 */
public record Manifest(int formatVersion, String source, String database, String characterSet, String collation,
		String serverVersion, String snapshotAt, List<TableEntry> tables, List<SchemaObject> objects) {

	/**
	 * 3: row digests flag NULLs of nullable columns only
	 * ({@link com.acalsa.dbcloner.mysql.RowDigest}); files carry a CRC-32C, not a
	 * SHA-256.
	 */
	public static final int FORMAT_VERSION = 3;

	public Manifest withTables(List<TableEntry> tables) {
		return new Manifest(this.formatVersion, this.source, this.database, this.characterSet, this.collation,
				this.serverVersion, this.snapshotAt, List.copyOf(tables), this.objects);
	}

	public Manifest withObjects(List<SchemaObject> objects) {
		return new Manifest(this.formatVersion, this.source, this.database, this.characterSet, this.collation,
				this.serverVersion, this.snapshotAt, this.tables, List.copyOf(objects));
	}

	/**
	 * One table of the backup, cut into {@link Chunk}s by key range.
	 *
	 * @param name the table's name
	 * @param ddl {@code SHOW CREATE TABLE} output, taken inside the snapshot
	 * @param columns the stored columns in file order (generated columns are left out:
	 * the server computes them)
	 * @param keyColumns the columns that order the rows (primary or non-null unique key);
	 * empty when there is none
	 * @param chunks the table's rows, range by range; together they hold every row once
	 */
	public record TableEntry(String name, String ddl, List<TableColumn> columns, List<String> keyColumns,
			List<Chunk> chunks) {

		public TableShape shape() {
			return new TableShape(this.name, this.ddl, this.columns, this.keyColumns);
		}

		public long rows() {
			return this.chunks.stream().mapToLong(Chunk::rows).sum();
		}

		public long bytes() {
			return this.chunks.stream().mapToLong(Chunk::bytes).sum();
		}

		/** The chunk holding the table's largest row. */
		public Chunk largestRowChunk() {
			return this.chunks.stream().max(Comparator.comparingLong(Chunk::largestRow)).orElseThrow();
		}

	}

	/**
	 * One key range of a table, in its own row file.
	 *
	 * @param file the row file, relative to the backup directory
	 * @param range the rows it holds
	 * @param rows how many rows the file holds
	 * @param bytes the file's size
	 * @param crc32c the file's CRC-32C, hex
	 * @param digest the rows' {@link com.acalsa.dbcloner.mysql.RowDigest}, taken as they
	 * were read
	 * @param largestRow the size of the largest row (the sum of its values' bytes)
	 * @param largestRowKey that row's key, as {@link TableShape#describeKey} gives it
	 */
	public record Chunk(String file, KeyRange range, long rows, long bytes, String crc32c, String digest,
			long largestRow, String largestRowKey) {

	}

}
