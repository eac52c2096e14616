package com.acalsa.dbcloner.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.Checksum;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One backup on disk: a directory with a row file per table and {@code manifest.json}.
 * The manifest is written to a temporary name and moved into place as the last act of a
 * backup, so its presence means the backup is whole.
 */
public record BackupDirectory(Path path) {

	/**
	 * Key of the job execution context entry that names the backup directory of a run.
	 */
	public static final String CONTEXT_KEY = "backup.dir";

	public static final String MANIFEST = "manifest.json";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	public Path manifestPath() {
		return this.path.resolve(MANIFEST);
	}

	public Path file(Manifest.Chunk chunk) {
		return this.path.resolve(chunk.file());
	}

	/**
	 * The CRC-32C of a chunk's row file as it is on disk now, hex, as the manifest
	 * records it. CRC-32C rather than SHA-256: it catches a damaged or truncated file as
	 * surely, and the JVM computes it with the CPU's CRC instruction in every compilation
	 * mode (SHA-256 took a quarter of the backup's CPU with the C1 compiler alone).
	 * Guarding against a deliberate change is not its job: who can rewrite a file can
	 * rewrite the manifest.
	 */
	public String crc32c(Manifest.Chunk chunk) throws IOException {
		CRC32C crc32c = new CRC32C();
		try (InputStream in = new CheckedInputStream(Files.newInputStream(file(chunk)), crc32c)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return hex(crc32c);
	}

	static String hex(Checksum checksum) {
		return HexFormat.of().toHexDigits((int) checksum.getValue());
	}

	public boolean isComplete() {
		return Files.isRegularFile(manifestPath());
	}

	/**
	 * The manifest, refused when another version of db-cloner wrote it in another format:
	 * its digests would not match this version's comparison.
	 */
	public Manifest readManifest() {
		Manifest manifest = JSON.readValue(manifestPath().toFile(), Manifest.class);
		if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
			throw new IllegalStateException("backup " + this.path + " is in format " + manifest.formatVersion()
					+ " and this db-cloner reads format " + Manifest.FORMAT_VERSION
					+ " only: run clone to take a new backup");
		}
		return manifest;
	}

	public void writeManifest(Manifest manifest) {
		Path temporary = this.path.resolve(MANIFEST + ".tmp");
		try {
			JSON.writeValue(temporary.toFile(), manifest);
			Files.move(temporary, manifestPath(), StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return this.path.toString();
	}

}
