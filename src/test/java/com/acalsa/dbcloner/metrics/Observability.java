package com.acalsa.dbcloner.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository's observability files as the tests read them: the PromQL of the
 * dashboards and the alert rules, the SQL of the run-history dashboard, and the metric
 * names an expression uses.
 */
final class Observability {

	static final Path DASHBOARDS = Path.of("grafana-dashboards");

	static final Path ALERTS = Path.of("prometheus/db-cloner-alerts.yml").toAbsolutePath();

	static final Path ALERT_TESTS = Path.of("prometheus/db-cloner-alerts-tests.yml").toAbsolutePath();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\)");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
			"group_left", "group_right", "bool", "offset", "inf", "nan");

	private Observability() {
	}

	static List<JsonNode> dashboards() {
		try (var files = Files.list(DASHBOARDS)) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().map(Observability::read).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Every PromQL expression of the dashboards: panel targets and Prometheus variable
	 * queries.
	 */
	static List<String> dashboardPromQl() {
		List<String> expressions = new ArrayList<>();
		for (JsonNode dashboard : dashboards()) {
			dashboard.get("panels").forEach((panel) -> panel.get("targets").forEach((target) -> {
				if (target.has("expr")) {
					expressions.add(target.get("expr").asString());
				}
			}));
			dashboard.get("templating").get("list").forEach((variable) -> {
				Matcher labelValues = LABEL_VALUES.matcher(variable.path("definition").asString(""));
				if (labelValues.matches()) {
					expressions.add(labelValues.group(1));
				}
			});
		}
		return expressions;
	}

	/** Every SQL query of the dashboards: panel targets and MySQL variable queries. */
	static List<String> dashboardSql() {
		List<String> queries = new ArrayList<>();
		for (JsonNode dashboard : dashboards()) {
			dashboard.get("panels").forEach((panel) -> panel.get("targets").forEach((target) -> {
				if (target.has("rawSql")) {
					queries.add(target.get("rawSql").asString());
				}
			}));
			dashboard.get("templating").get("list").forEach((variable) -> {
				if ("mysql".equals(variable.path("datasource").path("type").asString(""))) {
					queries.add(variable.get("query").asString());
				}
			});
		}
		return queries;
	}

	/** The {@code expr} of every alert rule. */
	static List<String> alertPromQl() {
		try {
			List<String> expressions = new ArrayList<>();
			Matcher expr = Pattern.compile("(?m)^ {8}expr: \\|\\n((?: {10}.*\\n)+)").matcher(Files.readString(ALERTS));
			while (expr.find()) {
				expressions.add(expr.group(1).strip());
			}
			return expressions;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The metric names a PromQL expression selects: what is left once strings, label
	 * matchers, ranges, grouping clauses, functions, keywords and numbers are taken out.
	 */
	static Set<String> metricNames(String promQl) {
		String bare = promQl.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
			.replaceAll("\\{[^}]*}", " ")
			.replaceAll("\\[[^]]*]", " ")
			.replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		Set<String> names = new LinkedHashSet<>();
		Matcher token = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*+").matcher(bare);
		while (token.find()) {
			String name = token.group();
			boolean function = bare.substring(token.end()).stripLeading().startsWith("(");
			if (!function && !KEYWORDS.contains(name)) {
				names.add(name);
			}
		}
		return names;
	}

	private static JsonNode read(Path file) {
		return JSON.readTree(file.toFile());
	}

}
