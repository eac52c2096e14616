package com.acalsa.dbcloner.metrics;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.acalsa.dbcloner.TestServer;
import com.acalsa.dbcloner.cli.ClonerCommandLine;
import com.acalsa.dbcloner.demo.SampleSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics of real runs, as operators get them: a real Pushgateway (Debian package
 * {@code prometheus-pushgateway}) receives the push of a successful clone, of a failing
 * one, and of a verify; a real Prometheus (package {@code prometheus}) scrapes it and
 * evaluates every dashboard expression and the alert rules; the run-history dashboard's
 * SQL runs against the job repository those runs wrote in MariaDB.
 */
@ExtendWith(OutputCaptureExtension.class)
class MetricsPushIntegrationTests {

	private static final String SOURCE = TestServer.uniqueName("metrics");

	private static final String REPOSITORY = TestServer.uniqueName("metrics_repo");

	private static final String FOREIGN = TestServer.uniqueName("metrics_foreign");

	private static final String CLONE = SOURCE + "_clone";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path work;

	private static LocalProcess pushgateway;

	private static LocalProcess prometheus;

	private static URI pushgatewayUri;

	private static URI prometheusUri;

	private static String source;

	private static Map<String, Integer> exits = new LinkedHashMap<>();

	private static String afterSuccess;

	private static String afterFailure;

	@BeforeAll
	static void runClonesAgainstARealPushgateway() throws Exception {
		TestServer.execute("CREATE DATABASE `" + SOURCE + "`", "CREATE DATABASE `" + REPOSITORY + "`",
				"CREATE DATABASE `" + FOREIGN + "`", "CREATE TABLE `" + FOREIGN + "`.precious (id INT PRIMARY KEY)");
		try (Connection connection = TestServer.connect()) {
			SampleSchema.create(connection, SOURCE, 200);
		}
		source = TestServer.URL.replaceFirst("^jdbc:mysql://", "") + SOURCE;
		int port = LocalProcess.freePort();
		pushgatewayUri = URI.create("http://127.0.0.1:" + port);
		pushgateway = LocalProcess.start(work, pushgatewayUri.resolve("/-/ready"),
				LocalProcess.binary("prometheus-pushgateway", "prometheus-pushgateway"),
				"--web.listen-address=127.0.0.1:" + port, "--persistence.file=" + work.resolve("pushgateway.data"));
		startPrometheus();

		exits.put("first clone", run("clone"));
		afterSuccess = pushed();
		exits.put("clone into a database it did not create", run("clone", "--cloner.target.database=" + FOREIGN));
		afterFailure = pushed();
		exits.put("second clone", run("clone"));
		exits.put("verify", run("verify"));
	}

	@AfterAll
	static void stopAndDrop() throws Exception {
		if (prometheus != null) {
			prometheus.close();
		}
		if (pushgateway != null) {
			pushgateway.close();
		}
		TestServer.dropDatabases(SOURCE, REPOSITORY, FOREIGN, CLONE);
	}

	@Test
	void theRunsEndAsTheyWouldWithoutMetrics() {
		assertThat(exits).containsExactly(Map.entry("first clone", 0),
				Map.entry("clone into a database it did not create", 3), Map.entry("second clone", 0),
				Map.entry("verify", 0));
	}

	@Test
	void aSuccessfulRunPushesItsOutcomeStepsTablesAndTheTimeOfTheVerifiedClone() {
		assertThat(afterSuccess)
			.contains(series("db_cloner_run_outcome", "code=\"success\",failed_step=\"none\"") + " 1")
			.contains(series("db_cloner_consecutive_failed_runs", "") + " 0")
			.contains(series("db_cloner_step_rows", "step=\"restore\""))
			.contains(series("db_cloner_table_rows", "table=\"customer\"") + " 200")
			.contains(series("db_cloner_snapshot_verification_lag_seconds", ""))
			.contains(series("db_cloner_backup_size_bytes", ""))
			.contains("spring_batch_job_seconds_count{error=\"none\",instance=\"\",job=\"cloneJob\",source=\"" + source
					+ "\",spring_batch_job_name=\"cloneJob\",spring_batch_job_status=\"COMPLETED\"} 1");
		assertThat(value(afterSuccess, series("db_cloner_last_verified_clone_timestamp_seconds", "")))
			.isBetween(Instant.now().getEpochSecond() - 3600.0, Instant.now().getEpochSecond() + 1.0);
		assertThat(value(afterSuccess, series("db_cloner_step_rows", "step=\"restore\""))).isPositive();
	}

	@Test
	void aFailedRunPushesItsRefBcCodeAndFailedStepAndStillTheLastVerifiedClone() {
		assertThat(afterFailure)
			.contains(series("db_cloner_run_outcome", "code=\"REF_BC_003\",failed_step=\"createDb\"") + " 1")
			.contains(series("db_cloner_run_success", "") + " 0")
			.contains(series("db_cloner_consecutive_failed_runs", "") + " 1")
			.contains(series("db_cloner_step_bytes", "step=\"backup\""))
			.doesNotContain(series("db_cloner_step_bytes", "step=\"createDb\""))
			.doesNotContain("code=\"success\"");
		assertThat(value(afterFailure, series("db_cloner_last_verified_clone_timestamp_seconds", "")))
			.isEqualTo(value(afterSuccess, series("db_cloner_last_verified_clone_timestamp_seconds", "")));
	}

	@Test
	void eachCommandKeepsItsOwnGroupKeyedByJobAndSourceDatabase() {
		String now = pushed();
		assertThat(now).contains(series("db_cloner_run_outcome", "code=\"success\",failed_step=\"none\""))
			.contains("db_cloner_run_outcome{code=\"success\",failed_step=\"none\",instance=\"\",job=\"verifyJob\","
					+ "source=\"" + source + "\"} 1")
			.doesNotContain("code=\"REF_BC_003\"")
			.doesNotContain("password")
			.doesNotContain("jvm_");
	}

	@Test
	void anUnreachablePushgatewayIsLoggedOnceAndTheRunStillSucceeds(CapturedOutput output) {
		// given
		int nobodyListens = LocalProcess.freePort();

		// when
		int exit = run("clone",
				"--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:" + nobodyListens);

		// then
		assertThat(exit).isZero();
		assertThat(output.getAll().lines().filter((line) -> line.contains("Pushgateway"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN", "were not pushed", "127.0.0.1:" + nobodyListens));
	}

	@Test
	void everyPromQlExpressionUsesOnlyMetricNamesTheRunsPushed() {
		Set<String> pushedNames = pushed().lines()
			.filter((line) -> !line.startsWith("#") && !line.isBlank())
			.map((line) -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toCollection(TreeSet::new));
		List<String> expressions = new ArrayList<>(Observability.dashboardPromQl());
		expressions.addAll(Observability.alertPromQl());
		assertThat(expressions).hasSizeGreaterThan(15)
			.allSatisfy((expr) -> assertThat(pushedNames).as(expr).containsAll(Observability.metricNames(expr)));
	}

	@Test
	void everyDashboardExpressionReturnsDataFromAPrometheusScrapingThePushgateway() throws Exception {
		awaitScrapeOf("db_cloner_run_outcome{job=\"cloneJob\",code=\"success\"}");
		for (String expr : Observability.dashboardPromQl()) {
			String query = expr.replace("$job", "cloneJob").replace("$source", source);
			JsonNode answer = query(query);
			assertThat(answer.get("status").asString()).as(query).isEqualTo("success");
			assertThat(answer.get("data").get("result").size()).as(query).isPositive();
		}
	}

	@Test
	void prometheusLoadsTheAlertRulesAndEvaluatesThemWithoutError() throws Exception {
		awaitScrapeOf("db_cloner_run_outcome{job=\"cloneJob\",code=\"success\"}");
		JsonNode rules = awaitRuleEvaluationAfter(Instant.now());
		assertThat(rules).hasSize(4).allSatisfy((rule) -> {
			assertThat(rule.get("health").asString()).as(rule.get("name").asString()).isEqualTo("ok");
			assertThat(rule.get("state").asString()).as(rule.get("name").asString()).isEqualTo("inactive");
		});
	}

	@Test
	void everyDashboardSqlQueryReturnsRowsFromTheJobRepository() throws Exception {
		long now = Instant.now().getEpochSecond();
		try (Connection connection = TestServer.connect(); Statement statement = connection.createStatement()) {
			statement.execute("USE `" + REPOSITORY + "`");
			statement.execute("SET time_zone = '+00:00'"); // as Grafana's MySQL data
															// source does
			for (String sql : Observability.dashboardSql()) {
				String expanded = GrafanaSqlMacros.expand(sql, now - 86400, now + 86400, source);
				try (ResultSet rows = statement.executeQuery(expanded)) {
					assertThat(rows.next()).as(expanded).isTrue();
					assertThat(rows.getObject(1)).as(expanded).isNotNull();
				}
			}
		}
	}

	private static void startPrometheus() throws Exception {
		int port = LocalProcess.freePort();
		prometheusUri = URI.create("http://127.0.0.1:" + port);
		Path config = work.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				rule_files:
				  - %s
				scrape_configs:
				  - job_name: pushgateway
				    honor_labels: true
				    static_configs:
				      - targets: ["%s"]
				""".formatted(Observability.ALERTS, pushgatewayUri.getAuthority()));
		prometheus = LocalProcess.start(work, prometheusUri.resolve("/-/ready"),
				LocalProcess.binary("prometheus", "prometheus"), "--config.file=" + config,
				"--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port);
	}

	private static int run(String command, String... settings) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("cloner.source.url", TestServer.url(SOURCE));
		all.put("cloner.source.username", TestServer.USER);
		all.put("cloner.source.password", TestServer.PASSWORD);
		all.put("cloner.backup.dir", work.resolve("backups").toString());
		all.put("spring.datasource.url", TestServer.url(REPOSITORY));
		all.put("spring.datasource.username", TestServer.USER);
		all.put("spring.datasource.password", TestServer.PASSWORD);
		all.put("management.prometheus.metrics.export.pushgateway.enabled", "true");
		all.put("management.prometheus.metrics.export.pushgateway.address", pushgatewayUri.getAuthority());
		for (String setting : settings) {
			all.put(setting.substring(2, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
		}
		List<String> args = new ArrayList<>(List.of(command));
		all.forEach((name, value) -> args.add("--" + name + "=" + value));
		return ClonerCommandLine.run(args.toArray(String[]::new),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
	}

	private static String pushed() {
		return LocalProcess.get(pushgatewayUri.resolve("/metrics")).body();
	}

	/** A series of the clone group as the Pushgateway prints it, labels in name order. */
	private static String series(String name, String labels) {
		Map<String, String> all = new TreeMap<>(
				Map.of("instance", "\"\"", "job", "\"cloneJob\"", "source", "\"" + source + "\""));
		for (String label : labels.isEmpty() ? new String[0] : labels.split(",")) {
			all.put(label.substring(0, label.indexOf('=')), label.substring(label.indexOf('=') + 1));
		}
		return name + all.entrySet()
			.stream()
			.map((label) -> label.getKey() + "=" + label.getValue())
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static double value(String exposition, String series) {
		return exposition.lines()
			.filter((line) -> line.startsWith(series + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(series.length() + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError(series + " not pushed"));
	}

	private static JsonNode query(String promQl) {
		String body = LocalProcess
			.get(prometheusUri.resolve("/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8)))
			.body();
		return JSON.readTree(body);
	}

	/**
	 * Waits (a bounded while) for Prometheus to have scraped the last push; the test
	 * asserts no timing.
	 */
	private static void awaitScrapeOf(String promQl) throws InterruptedException {
		for (int attempt = 0; attempt < 150 && query(promQl).get("data").get("result").isEmpty(); attempt++) {
			Thread.sleep(200);
		}
	}

	/**
	 * The rules once Prometheus has evaluated every one of them after {@code scraped},
	 * when the data was there.
	 */
	private static JsonNode awaitRuleEvaluationAfter(Instant scraped) throws InterruptedException {
		JsonNode rules = null;
		for (int attempt = 0; attempt < 150; attempt++) {
			rules = JSON.readTree(LocalProcess.get(prometheusUri.resolve("/api/v1/rules")).body())
				.get("data")
				.get("groups")
				.get(0)
				.get("rules");
			boolean evaluated = true;
			for (JsonNode rule : rules) {
				String last = rule.path("lastEvaluation").asString("");
				evaluated &= !last.startsWith("0001") && Instant.parse(last).isAfter(scraped);
			}
			if (evaluated) {
				break;
			}
			Thread.sleep(200);
		}
		return rules;
	}

}
