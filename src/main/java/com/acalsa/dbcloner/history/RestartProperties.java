package com.acalsa.dbcloner.history;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloner.restart.*}: when the scheduled {@code clone} resumes the failed run of
 * its pair instead of starting afresh.
 *
 * @param maxAge a failed run is resumed only while its backup is younger than this
 */
@ConfigurationProperties("cloner.restart")
public record RestartProperties(@DefaultValue("15m") Duration maxAge) {

	public RestartProperties {
		if (maxAge.isNegative()) {
			throw new IllegalArgumentException("cloner.restart.max-age must not be negative");
		}
	}

}
