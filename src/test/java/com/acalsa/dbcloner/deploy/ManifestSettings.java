package com.acalsa.dbcloner.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The settings the manifests may pass, as Spring properties, and which of them an
 * environment variable sets, found by Spring Boot's own binder reading the variable as it
 * reads the process environment. A variable that binds to none of them is a typo the
 * application would silently ignore.
 */
final class ManifestSettings {

	/**
	 * Read by the application's {@code @ConfigurationProperties}, Spring Boot and, for
	 * KMS and metrics, issues 5 and 6.
	 */
	static final List<String> PROPERTIES = List.of("cloner.source.url", "cloner.source.username",
			"cloner.source.password-kms", "cloner.target.url", "cloner.target.username", "cloner.target.password-kms",
			"cloner.target.database", "cloner.backup.dir", "cloner.backup.compression-level",
			"cloner.repository.password-kms", "cloner.kms.endpoint", "spring.datasource.url",
			"spring.datasource.username", "management.prometheus.metrics.export.pushgateway.enabled",
			"management.prometheus.metrics.export.pushgateway.address",
			"management.prometheus.metrics.export.pushgateway.job",
			"management.prometheus.metrics.export.pushgateway.shutdown-operation");

	/** Map-valued settings: every key below them. */
	static final List<String> MAPS = List.of("cloner.kms.encryption-context",
			"management.prometheus.metrics.export.pushgateway.grouping-key");

	/** Read from the environment by the AWS SDK itself, not through Spring. */
	static final List<String> AWS_SDK_VARIABLES = List.of("AWS_REGION");

	private ManifestSettings() {
	}

	static Optional<String> settingOf(String variable, String value) {
		if (AWS_SDK_VARIABLES.contains(variable)) {
			return Optional.of(variable);
		}
		Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, value))));
		for (String property : PROPERTIES) {
			if (binder.bind(property, String.class).map(value::equals).orElse(false)) {
				return Optional.of(property);
			}
		}
		for (String map : MAPS) {
			if (binder.bind(map, Bindable.mapOf(String.class, String.class))
				.map((entries) -> entries.containsValue(value))
				.orElse(false)) {
				return Optional.of(map + ".*");
			}
		}
		return Optional.empty();
	}

}
