package com.acalsa.dbcloner.snapshot;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A manifest is read back as written, and one in another format (whose digests this
 * version would misjudge) is refused with what to do.
 */
class BackupDirectoryTests {

	@TempDir
	Path directory;

	@Test
	void readsBackTheManifestItWrote() {
		BackupDirectory backup = new BackupDirectory(this.directory);
		Manifest written = manifest(Manifest.FORMAT_VERSION);
		backup.writeManifest(written);
		assertThat(backup.isComplete()).isTrue();
		assertThat(backup.readManifest()).isEqualTo(written);
	}

	@Test
	void refusesAManifestOfAnotherFormat() {
		BackupDirectory backup = new BackupDirectory(this.directory);
		backup.writeManifest(manifest(2));
		assertThatIllegalStateException().isThrownBy(backup::readManifest)
			.withMessage("backup " + this.directory + " is in format 2 and this db-cloner reads format "
					+ Manifest.FORMAT_VERSION + " only: run clone to take a new backup");
	}

	private static Manifest manifest(int formatVersion) {
		return new Manifest(formatVersion, "db:3306/shop", "shop", "utf8mb4", "utf8mb4_general_ci", "10.11",
				"2026-12-04T22:00:00Z", List.of(), List.of());
	}

}
