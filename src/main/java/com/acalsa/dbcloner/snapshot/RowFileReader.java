package com.acalsa.dbcloner.snapshot;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.github.luben.zstd.ZstdInputStream;

/**
 * Reads back the rows of a file written by {@link RowFileWriter}, one at a time, without
 * holding more than the current row in memory.
 */
public final class RowFileReader implements AutoCloseable {

	private static final byte[] NULL_MARKER = new byte[0];

	private final InputStream in;

	private final ByteArrayOutputStream field = new ByteArrayOutputStream();

	public RowFileReader(Path path) throws IOException {
		this.in = new BufferedInputStream(openDecompressed(path), 1 << 16);
	}

	/** The decompressed content of a row file: exactly what {@code LOAD DATA} reads. */
	public static InputStream openDecompressed(Path path) throws IOException {
		return new ZstdInputStream(Files.newInputStream(path));
	}

	/**
	 * The next row, or {@code null} at the end of the file. A NULL value is a
	 * {@code null} element.
	 */
	public byte[][] read() throws IOException {
		int b = this.in.read();
		if (b < 0) {
			return null;
		}
		List<byte[]> values = new ArrayList<>();
		while (true) {
			boolean isNull = false;
			this.field.reset();
			while (b != RowFormat.FIELD_END && b != RowFormat.LINE_END) {
				if (b < 0) {
					throw new EOFException("row file ends in the middle of a row");
				}
				if (b == RowFormat.ESCAPE) {
					int letter = this.in.read();
					if (letter == 'N' && this.field.size() == 0) {
						isNull = true;
					}
					else {
						this.field.write(RowFormat.unescape(letter));
					}
				}
				else {
					this.field.write(b);
				}
				b = this.in.read();
			}
			values.add(isNull ? NULL_MARKER : this.field.toByteArray());
			if (b == RowFormat.LINE_END) {
				break;
			}
			b = this.in.read();
		}
		byte[][] row = new byte[values.size()][];
		for (int i = 0; i < row.length; i++) {
			row[i] = (values.get(i) == NULL_MARKER) ? null : values.get(i);
		}
		return row;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
