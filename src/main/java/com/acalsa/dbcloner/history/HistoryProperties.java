package com.acalsa.dbcloner.history;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloner.history.*}: how long the job repository keeps finished runs (288 runs a
 * day would otherwise grow it forever).
 *
 * @param maxAge job instances whose last execution ended longer ago than this are purged
 * after each run
 */
@ConfigurationProperties("cloner.history")
public record HistoryProperties(@DefaultValue("30d") Duration maxAge) {

	public HistoryProperties {
		if (maxAge.isNegative() || maxAge.isZero()) {
			throw new IllegalArgumentException("cloner.history.max-age must be positive");
		}
	}

}
