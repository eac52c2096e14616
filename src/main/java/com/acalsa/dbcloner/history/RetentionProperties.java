package com.acalsa.dbcloner.history;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloner.backup.*} as retention reads it: which backups to keep after each run.
 * The directory is the one the backup step writes to ({@code cloner.backup.dir}, same
 * default).
 *
 * @param dir the directory holding one directory per backup
 * @param keep how many whole backups to keep at most (at least 1)
 * @param maxAge whole backups older than this are removed, except the newest one
 */
@ConfigurationProperties("cloner.backup")
public record RetentionProperties(@DefaultValue("./data/backups") Path dir, @DefaultValue("5") int keep,
		@DefaultValue("1d") Duration maxAge) {

	public RetentionProperties {
		if (keep < 1) {
			throw new IllegalArgumentException("cloner.backup.keep must be at least 1");
		}
		if (maxAge.isNegative() || maxAge.isZero()) {
			throw new IllegalArgumentException("cloner.backup.max-age must be positive");
		}
	}

}
