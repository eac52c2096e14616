package com.acalsa.dbcloner.metrics;

import com.acalsa.dbcloner.mysql.CloneEndpoints;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The run's meters and their push. The Pushgateway is configured with Boot's own
 * properties ({@code management.prometheus.metrics.export.pushgateway.*}); its grouping
 * key gets the source database ({@code source=host:port/database}) unless one is
 * configured, and its job defaults to the Spring Batch job the command runs (set by the
 * command line), so a clone and a verify keep separate groups.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

	static final String SOURCE_LABEL = "source";

	@Bean
	LastRunGauges lastRunGauges(MeterRegistry meterRegistry) {
		return new LastRunGauges(meterRegistry);
	}

	@Bean
	RunMetricsListener runMetricsListener(LastRunGauges lastRunGauges, JobRepository jobRepository) {
		return new RunMetricsListener(lastRunGauges, new RunHistory(jobRepository));
	}

	@Bean
	@ConditionalOnBooleanProperty("management.prometheus.metrics.export.pushgateway.enabled")
	EndOfRunPush prometheusPushGatewayManager(PrometheusRegistry registry, PrometheusProperties prometheusProperties,
			CloneEndpoints endpoints, LastRunGauges lastRunGauges, Environment environment) {
		PrometheusProperties.Pushgateway properties = prometheusProperties.getPushgateway();
		String job = (properties.getJob() != null) ? properties.getJob()
				: environment.getProperty("spring.application.name", "db-cloner");
		return new EndOfRunPush(pushGateway(registry, properties, job, endpoints), properties.getPushRate(),
				properties.getShutdownOperation(), properties.getAddress(), lastRunGauges);
	}

	private static PushGateway pushGateway(PrometheusRegistry registry, PrometheusProperties.Pushgateway properties,
			String job, CloneEndpoints endpoints) {
		PushGateway.Builder builder = PushGateway.builder()
			.address(properties.getAddress())
			.scheme((properties.getScheme() == PrometheusProperties.Pushgateway.Scheme.HTTPS) ? Scheme.HTTPS
					: Scheme.HTTP)
			.format((properties.getFormat() == PrometheusProperties.Pushgateway.Format.TEXT) ? Format.PROMETHEUS_TEXT
					: Format.PROMETHEUS_PROTOBUF)
			.job(job)
			.registry(registry);
		if (properties.getToken() != null && !properties.getToken().isEmpty()) {
			builder.bearerToken(properties.getToken());
		}
		else if (properties.getUsername() != null && !properties.getUsername().isEmpty()) {
			builder.basicAuth(properties.getUsername(), properties.getPassword());
		}
		properties.getGroupingKey().forEach(builder::groupingKey);
		if (!properties.getGroupingKey().containsKey(SOURCE_LABEL)) {
			builder.groupingKey(SOURCE_LABEL, endpoints.source().describe());
		}
		return builder.build();
	}

}
