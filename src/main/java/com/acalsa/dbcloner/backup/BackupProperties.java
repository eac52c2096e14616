package com.acalsa.dbcloner.backup;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloner.backup.*}: where backups go and how they are compressed.
 *
 * @param dir the directory under which each run writes its own backup directory
 * @param compressionLevel zstd level of the row files (1 to 19; low levels keep the
 * backup I/O-bound)
 * @param chunkRows about how many rows a key range holds: tables with an integer key are
 * cut into ranges of about this size, each backed up, restored and compared on its own,
 * in parallel
 */
@ConfigurationProperties("cloner.backup")
public record BackupProperties(@DefaultValue("./data/backups") Path dir, @DefaultValue("1") int compressionLevel,
		@DefaultValue("100000") long chunkRows) {

	public BackupProperties {
		if (compressionLevel < 1 || compressionLevel > 19) {
			throw new IllegalArgumentException("cloner.backup.compression-level must be between 1 and 19");
		}
		if (chunkRows < 1) {
			throw new IllegalArgumentException("cloner.backup.chunk-rows must be at least 1");
		}
	}

}
