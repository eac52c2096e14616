package com.acalsa.dbcloner.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.acalsa.dbcloner.mysql.TableColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Row files give back exactly the bytes written: every byte value, NULL apart from empty,
 * markers as text.
 */
class RowFileTests {

	@TempDir
	Path dir;

	@Test
	void everyByteValueNullAndEmptyRoundTrip() throws IOException {
		// given
		byte[] every = new byte[256];
		for (int i = 0; i < every.length; i++) {
			every[i] = (byte) i;
		}
		byte[][] first = { every, null, new byte[0], utf8("\\N"), utf8("ends\\") };
		byte[][] second = { new byte[0] };
		byte[][] third = { null };
		Path file = this.dir.resolve("rows.tsv.zst");

		// when
		try (RowFileWriter writer = new RowFileWriter(file, 3)) {
			writer.write(first);
			writer.write(second);
			writer.write(third);
		}

		// then
		try (RowFileReader reader = new RowFileReader(file)) {
			assertThat(reader.read()).isDeepEqualTo(first);
			assertThat(reader.read()).isDeepEqualTo(second);
			assertThat(reader.read()).isDeepEqualTo(third);
			assertThat(reader.read()).isNull();
		}
	}

	@Test
	void valuesLargerThanTheWritersBufferRoundTrip() throws IOException {
		// given: 3 MB of every byte value, so escapes fall on every slice and buffer edge
		byte[] large = new byte[3 << 20];
		for (int i = 0; i < large.length; i++) {
			large[i] = (byte) (i * 31 + i / 7);
		}
		byte[][] row = { utf8("key"), large, null, large };
		Path file = this.dir.resolve("large.tsv.zst");

		// when
		try (RowFileWriter writer = new RowFileWriter(file, 1)) {
			assertThat(writer.write(row)).isEqualTo(3 + 2L * large.length);
			writer.write(row);
		}

		// then
		try (RowFileReader reader = new RowFileReader(file)) {
			assertThat(reader.read()).isDeepEqualTo(row);
			assertThat(reader.read()).isDeepEqualTo(row);
			assertThat(reader.read()).isNull();
		}
	}

	@Test
	void plainColumnsAreCopiedAsTheyAreAndTheOthersEscaped() throws IOException {
		// given: a number, a date and time, and a string beside them
		Path file = this.dir.resolve("plain.tsv.zst");
		byte[][] row = { utf8("-1.25e-7"), utf8("2026-12-04 22:00:00.000001"), utf8("a\tb") };

		// when
		try (RowFileWriter writer = new RowFileWriter(file, 1, List.of(new TableColumn("n", "double", true, false),
				new TableColumn("at", "datetime", false, false), new TableColumn("s", "varchar", true, false)))) {
			writer.write(row);
			writer.write(new byte[][] { null, utf8("-838:59:59"), null });
		}

		// then
		try (var in = RowFileReader.openDecompressed(file)) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo("-1.25e-7\t2026-12-04 22:00:00.000001\ta\\tb\n\\N\t-838:59:59\t\\N\n");
		}
		try (RowFileReader reader = new RowFileReader(file)) {
			assertThat(reader.read()).isDeepEqualTo(row);
		}
	}

	@Test
	void theFileIsLoadDataTextWithEscapes() throws IOException {
		// given
		Path file = this.dir.resolve("escapes.tsv.zst");

		// when
		try (RowFileWriter writer = new RowFileWriter(file, 1)) {
			writer.write(new byte[][] { utf8("a\tb\nc\\d\re"), null, { 0 } });
		}

		// then
		try (var in = RowFileReader.openDecompressed(file)) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo("a\\tb\\nc\\\\d\\re\t\\N\t\\0\n");
		}
	}

	@Test
	void writerReportsRowsSizeAndChecksumOfTheFile() throws Exception {
		Path file = this.dir.resolve("count.tsv.zst");
		RowFileWriter writer = new RowFileWriter(file, 3);
		writer.write(new byte[][] { utf8("x") });
		writer.write(new byte[][] { utf8("y") });
		writer.close();
		assertThat(writer.rows()).isEqualTo(2);
		assertThat(writer.size()).isEqualTo(java.nio.file.Files.size(file));
		assertThat(writer.crc32c()).isEqualTo(crc32c(file));
	}

	private static String crc32c(Path file) throws Exception {
		java.util.zip.CRC32C crc32c = new java.util.zip.CRC32C();
		crc32c.update(java.nio.file.Files.readAllBytes(file));
		return String.format("%08x", crc32c.getValue());
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
