package com.acalsa.dbcloner.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the Grafana MySQL data source macros the dashboards use, the way Grafana does
 * before it sends a query ({@code pkg/tsdb/mysql/macros.go}): {@code $__timeFilter(col)},
 * {@code $__timeGroupAlias(col, 'interval')} and the {@code ${var:sqlstring}} variable
 * format.
 */
final class GrafanaSqlMacros {

	private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");

	private static final Pattern TIME_GROUP_ALIAS = Pattern
		.compile("\\$__timeGroupAlias\\(([^,]+),\\s*'(\\d+)([smhd])'\\)");

	private GrafanaSqlMacros() {
	}

	static String expand(String sql, long fromEpochSecond, long toEpochSecond, String source) {
		String expanded = sql.replace("${source:sqlstring}", "'" + source.replace("'", "''") + "'");
		expanded = TIME_FILTER.matcher(expanded)
			.replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + " BETWEEN FROM_UNIXTIME(" + fromEpochSecond
					+ ") AND FROM_UNIXTIME(" + toEpochSecond + ")"));
		return TIME_GROUP_ALIAS.matcher(expanded).replaceAll((match) -> {
			long seconds = Long.parseLong(match.group(2)) * switch (match.group(3)) {
				case "m" -> 60;
				case "h" -> 3600;
				case "d" -> 86400;
				default -> 1;
			};
			return Matcher.quoteReplacement(
					"UNIX_TIMESTAMP(" + match.group(1) + ") DIV " + seconds + " * " + seconds + " AS \"time\"");
		});
	}

}
