package com.acalsa.dbcloner.snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

import com.acalsa.dbcloner.mysql.TableColumn;
import com.github.luben.zstd.ZstdOutputStream;

/**
 * Writes a table's rows, one at a time, as a zstd-compressed file in the text format that
 * {@code LOAD DATA} reads with
 * {@code CHARACTER SET binary FIELDS TERMINATED BY '\t' ESCAPED BY '\\' LINES TERMINATED BY '\n'}:
 * fields are the exact bytes the server sent, NULL is {@code \N}, and backslash, tab,
 * newline, carriage return and NUL are escaped. No value is ever converted, so every type
 * round-trips as the server rendered it.
 */
public final class RowFileWriter implements AutoCloseable {

	/** Values longer than this are escaped into the buffer a slice at a time. */
	private static final int SLICE = 1 << 14;

	private final Path path;

	private final CRC32C crc32c = new CRC32C();

	private final OutputStream out;

	/**
	 * Escaped bytes waiting for the compressor; filled by hand because a stream's
	 * write(int) is synchronized.
	 */
	private final byte[] buffer = new byte[1 << 16];

	private int used;

	private long rows;

	/** The columns whose values need no escaping, by position. */
	private final boolean[] plain;

	public RowFileWriter(Path path, int compressionLevel) throws IOException {
		this(path, compressionLevel, List.of());
	}

	/**
	 * A writer for rows of these columns, which copies the values of numbers, dates and
	 * times as they are: they never hold a byte that needs escaping
	 * ({@link TableColumn#isPlainText}).
	 */
	public RowFileWriter(Path path, int compressionLevel, List<TableColumn> columns) throws IOException {
		this.path = path;
		this.plain = new boolean[columns.size()];
		for (int i = 0; i < this.plain.length; i++) {
			this.plain[i] = columns.get(i).isPlainText();
		}
		OutputStream file = new CheckedOutputStream(Files.newOutputStream(path), this.crc32c);
		this.out = new ZstdOutputStream(new BufferedOutputStream(file, 1 << 16), compressionLevel);
	}

	/**
	 * Writes a row and returns its size: the bytes of its values, as a server holds them
	 * in one packet.
	 */
	public long write(byte[][] row) throws IOException {
		long size = 0;
		for (int i = 0; i < row.length; i++) {
			byte[] value = row[i];
			reserve(3);
			if (i > 0) {
				this.buffer[this.used++] = (byte) RowFormat.FIELD_END;
			}
			if (value == null) {
				this.buffer[this.used++] = (byte) RowFormat.ESCAPE;
				this.buffer[this.used++] = 'N';
				continue;
			}
			boolean plain = i < this.plain.length && this.plain[i];
			for (int from = 0; from < value.length; from += SLICE) {
				int to = Math.min(value.length, from + SLICE);
				if (plain) {
					reserve(to - from);
					System.arraycopy(value, from, this.buffer, this.used, to - from);
					this.used += to - from;
				}
				else {
					writeEscaped(value, from, to);
				}
			}
			size += value.length;
		}
		reserve(1);
		this.buffer[this.used++] = (byte) RowFormat.LINE_END;
		this.rows++;
		return size;
	}

	public long rows() {
		return this.rows;
	}

	/**
	 * The file's CRC-32C, as {@link BackupDirectory#crc32c} computes it; valid once the
	 * writer is closed.
	 */
	public String crc32c() {
		return BackupDirectory.hex(this.crc32c);
	}

	public long size() throws IOException {
		return Files.size(this.path);
	}

	@Override
	public void close() throws IOException {
		flush();
		this.out.close();
	}

	/**
	 * Escapes {@code value[from..to)} into the buffer, with a table lookup per byte and
	 * no bounds check beyond the one room check: the loop the whole backup runs through.
	 */
	private void writeEscaped(byte[] value, int from, int to) throws IOException {
		reserve(2 * (to - from));
		byte[] buffer = this.buffer;
		int at = this.used;
		for (int i = from; i < to; i++) {
			byte b = value[i];
			byte letter = RowFormat.ESCAPE_LETTERS[b & 0xFF];
			if (letter == 0) {
				buffer[at++] = b;
			}
			else {
				buffer[at++] = (byte) RowFormat.ESCAPE;
				buffer[at++] = letter;
			}
		}
		this.used = at;
	}

	private void reserve(int bytes) throws IOException {
		if (this.used + bytes > this.buffer.length) {
			flush();
		}
	}

	private void flush() throws IOException {
		if (this.used > 0) {
			this.out.write(this.buffer, 0, this.used);
			this.used = 0;
		}
	}

}
