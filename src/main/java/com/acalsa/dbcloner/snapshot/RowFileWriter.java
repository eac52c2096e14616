package com.acalsa.dbcloner.snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

	private final Path path;

	private final MessageDigest sha256;

	private final OutputStream out;

	/**
	 * Escaped bytes waiting for the compressor; filled by hand because a stream's
	 * write(int) is synchronized.
	 */
	private final byte[] buffer = new byte[1 << 16];

	private int used;

	private long rows;

	public RowFileWriter(Path path, int compressionLevel) throws IOException {
		this.path = path;
		this.sha256 = newSha256();
		OutputStream file = new DigestOutputStream(Files.newOutputStream(path), this.sha256);
		this.out = new ZstdOutputStream(new BufferedOutputStream(file, 1 << 16), compressionLevel);
	}

	/**
	 * Writes a row and returns its size: the bytes of its values, as a server holds them
	 * in one packet.
	 */
	public long write(byte[][] row) throws IOException {
		long size = 0;
		for (int i = 0; i < row.length; i++) {
			if (i > 0) {
				put((byte) RowFormat.FIELD_END);
			}
			writeField(row[i]);
			size += (row[i] != null) ? row[i].length : 0;
		}
		put((byte) RowFormat.LINE_END);
		this.rows++;
		return size;
	}

	public long rows() {
		return this.rows;
	}

	/** The file's SHA-256, hex; valid once the writer is closed. */
	public String sha256() {
		return HexFormat.of().formatHex(this.sha256.digest());
	}

	public long size() throws IOException {
		return Files.size(this.path);
	}

	@Override
	public void close() throws IOException {
		if (this.used > 0) {
			this.out.write(this.buffer, 0, this.used);
			this.used = 0;
		}
		this.out.close();
	}

	private void writeField(byte[] value) throws IOException {
		if (value == null) {
			put((byte) RowFormat.ESCAPE);
			put((byte) 'N');
			return;
		}
		for (byte b : value) {
			int escaped = RowFormat.escapeOf(b);
			if (escaped < 0) {
				put(b);
			}
			else {
				put((byte) RowFormat.ESCAPE);
				put((byte) escaped);
			}
		}
	}

	private void put(byte b) throws IOException {
		if (this.used == this.buffer.length) {
			this.out.write(this.buffer, 0, this.used);
			this.used = 0;
		}
		this.buffer[this.used++] = b;
	}

	static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
