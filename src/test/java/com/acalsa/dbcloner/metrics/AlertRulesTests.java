package com.acalsa.dbcloner.metrics;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules, checked by Prometheus's own {@code promtool} (Debian package
 * {@code prometheus}): valid, and each firing in the scenario of
 * {@code db-cloner-alerts-tests.yml} with a summary that names the REF_BC code.
 */
class AlertRulesTests {

	private final String promtool = LocalProcess.binary("promtool", "prometheus");

	@Test
	void theAlertRulesAreValid() throws Exception {
		// when
		LocalProcess.Result check = LocalProcess.run(Path.of("."), this.promtool, "check", "rules",
				Observability.ALERTS.toString());

		// then
		assertThat(check.exitStatus()).as(check.output()).isZero();
		assertThat(check.output()).contains("SUCCESS: 4 rules found");
	}

	@Test
	void eachAlertFiresInItsScenarioAndNamesTheRefBcCode() throws Exception {
		// when
		LocalProcess.Result test = LocalProcess.run(Path.of("."), this.promtool, "test", "rules",
				Observability.ALERT_TESTS.toString());

		// then
		assertThat(test.exitStatus()).as(test.output()).isZero();
		assertThat(test.output()).contains("SUCCESS");
	}

	@Test
	void everyAlertExpressionIsReadAndSelectsTheCloneMetrics() {
		assertThat(Observability.alertPromQl()).hasSize(4)
			.allSatisfy((expr) -> assertThat(Observability.metricNames(expr)).isNotEmpty());
		assertThat(Observability.metricNames("(time() - max by (job, source) (push_time_seconds{job=\"cloneJob\"}) "
				+ "> 900) * on (job, source) group_left (code) db_cloner_run_outcome or absent(up[5m])"))
			.containsExactly("push_time_seconds", "db_cloner_run_outcome", "up");
	}

}
