package com.acalsa.dbcloner.job;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloner.threads}: how many connections back up, restore and compare key ranges at
 * once.
 *
 * @param threads workers per step; 0 (the default) means the number of cores, at least 2
 */
@ConfigurationProperties("cloner")
public record WorkerProperties(@DefaultValue("0") int threads) {

	public WorkerProperties {
		if (threads < 0 || threads > 64) {
			throw new IllegalArgumentException("cloner.threads must be between 1 and 64 (0: one per core)");
		}
	}

	/** The number of workers to use. */
	public int workers() {
		return (this.threads > 0) ? this.threads : Math.max(2, Runtime.getRuntime().availableProcessors());
	}

}
