package com.acalsa.dbcloner.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

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
		assertThat(writer.sha256()).isEqualTo(sha256(file));
	}

	private static String sha256(Path file) throws Exception {
		return java.util.HexFormat.of()
			.formatHex(
					java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(file)));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
