package com.acalsa.dbcloner.deploy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.acalsa.dbcloner.TestServer;
import com.acalsa.dbcloner.cli.ClonerCommandLine;
import com.acalsa.dbcloner.demo.SampleSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationHook;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each overlay's rendered CronJob, run in process with its container's arguments and, as
 * the process environment, exactly the environment the kubelet would give it (ConfigMap
 * and Secret resolved), against the local MariaDB: {@link LocalStandIns} lists the few
 * variables changed to run here (servers, database suffixes, users, volume paths, and the
 * KMS ciphertexts replaced by the test server's plain password, since there is no AWS KMS
 * here). The clone must succeed where the manifests say: the clone named by the
 * ConfigMap, the backups on the volume, the history in the job repository.
 */
class CronJobEnvironmentIntegrationTests {

	private final List<String> databases = new ArrayList<>();

	@TempDir
	Path volumes;

	static List<Path> overlays() throws Exception {
		return RenderedManifests.overlays();
	}

	@AfterEach
	void dropDatabases() {
		TestServer.dropDatabases(this.databases.toArray(String[]::new));
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void renderedEnvironmentAndArgumentsRunASuccessfulClone(Path overlay) throws Exception {
		// given
		RenderedManifests rendered = RenderedManifests.render(overlay);
		Map<String, String> manifest = rendered.environment();
		LocalStandIns standIns = new LocalStandIns(UUID.randomUUID().toString().substring(0, 8), this.volumes,
				rendered.container().getVolumeMounts());
		Map<String, String> environment = standIns.apply(manifest);
		String source = databaseOf(environment.get("CLONER_SOURCE_URL"));
		String clone = environment.get("CLONER_TARGET_DATABASE");
		String repository = databaseOf(environment.get("SPRING_DATASOURCE_URL"));
		this.databases.addAll(List.of(source, clone, repository));
		TestServer.execute(SampleSchema.createDatabaseSql(source), SampleSchema.createDatabaseSql(repository));
		try (Connection connection = TestServer.connect()) {
			SampleSchema.create(connection, source, 200);
		}
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		// when
		int exit = runWithEnvironment(rendered.container().getArgs(), environment,
				new PrintStream(err, true, StandardCharsets.UTF_8));

		// then: only the stand-ins changed, and the clone is where the manifest says
		assertThat(standIns.changed()).containsExactlyInAnyOrder("CLONER_SOURCE_URL", "CLONER_SOURCE_USERNAME",
				"CLONER_SOURCE_PASSWORDKMS", "CLONER_TARGET_URL", "CLONER_TARGET_USERNAME", "CLONER_TARGET_PASSWORDKMS",
				"CLONER_TARGET_DATABASE", "CLONER_REPOSITORY_PASSWORDKMS", "SPRING_DATASOURCE_URL",
				"SPRING_DATASOURCE_USERNAME", "CLONER_BACKUP_DIR",
				"MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS");
		manifest.keySet()
			.stream()
			.filter((name) -> !standIns.changed().contains(name))
			.forEach((name) -> assertThat(environment).containsEntry(name, manifest.get(name)));
		assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(clone).isEqualTo(standIns.localDatabase(manifest.get("CLONER_TARGET_DATABASE")));
		assertThat(TestServer.query("SELECT status FROM `" + clone + "`._db_cloner")).containsExactly("VERIFIED");
		assertThat(TestServer.digests(clone)).isEqualTo(TestServer.digests(source));
		assertThat(TestServer.query("SELECT e.STATUS FROM `" + repository + "`.BATCH_JOB_EXECUTION e JOIN `"
				+ repository + "`.BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
				+ "WHERE i.JOB_NAME = 'cloneJob'"))
			.containsExactly("COMPLETED");
		try (Stream<Path> backups = Files.list(Path.of(environment.get("CLONER_BACKUP_DIR")))) {
			assertThat(backups).singleElement()
				.satisfies((backup) -> assertThat(backup.getFileName().toString()).startsWith(source + "-"));
		}
	}

	/**
	 * Runs the program as its {@code main} does, with {@code environment} in place of the
	 * process environment: the same property source, under the same name, that Spring
	 * Boot reads environment variables from.
	 */
	private static int runWithEnvironment(List<String> args, Map<String, String> environment, PrintStream err) {
		SpringApplicationHook hook = (application) -> new SpringApplicationRunListener() {

			@Override
			public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
					ConfigurableEnvironment springEnvironment) {
				String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
				springEnvironment.getPropertySources()
					.replace(name, new SystemEnvironmentPropertySource(name, new HashMap<>(environment)));
			}

		};
		return SpringApplication.withHook(hook, () -> ClonerCommandLine.run(args.toArray(String[]::new), err));
	}

	private static String databaseOf(String jdbcUrl) {
		return URI.create(jdbcUrl.substring("jdbc:".length())).getPath().substring(1);
	}

}
