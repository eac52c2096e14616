package com.acalsa.dbcloner.history;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The settings of restart, retention, history and shutdown, bound and validated at start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RestartProperties.class, RetentionProperties.class, HistoryProperties.class,
		ShutdownProperties.class })
class HistoryConfiguration {

}
