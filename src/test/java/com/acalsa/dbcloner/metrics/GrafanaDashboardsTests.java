package com.acalsa.dbcloner.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana files as Grafana provisions them: every panel and query picks its data
 * source through a dashboard variable (never a hard-coded uid), and the provisioning
 * files declare the dashboards' folder and both data source types.
 */
class GrafanaDashboardsTests {

	@Test
	void everyPanelAndQueryChoosesItsDataSourceByVariable() {
		List<JsonNode> dataSources = new ArrayList<>();
		for (JsonNode dashboard : Observability.dashboards()) {
			dashboard.get("panels").forEach((panel) -> {
				dataSources.add(panel.get("datasource"));
				panel.get("targets").forEach((target) -> dataSources.add(target.get("datasource")));
			});
		}
		assertThat(dataSources).hasSizeGreaterThan(20)
			.allSatisfy((dataSource) -> assertThat(dataSource.get("uid").asString()).isIn("${prometheus}", "${mysql}"));
	}

	@Test
	void eachDashboardDeclaresTheDataSourceVariablesItUses() {
		assertThat(Observability.dashboards()).hasSize(2).allSatisfy((dashboard) -> {
			List<String> variables = new ArrayList<>();
			dashboard.get("templating").get("list").forEach((variable) -> {
				if ("datasource".equals(variable.get("type").asString())) {
					variables.add("${" + variable.get("name").asString() + "}");
				}
			});
			dashboard.get("panels")
				.forEach((panel) -> assertThat(variables).contains(panel.get("datasource").get("uid").asString()));
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void theProvisioningFilesDeclareTheDashboardsAndBothDataSourceTypes() throws IOException {
		Map<String, Object> dashboards = yaml("provisioning/dashboards/db-cloner.yaml");
		Map<String, Object> dataSources = yaml("provisioning/datasources/db-cloner.yaml");
		assertThat(dashboards).containsEntry("apiVersion", 1);
		List<Map<String, Object>> providers = (List<Map<String, Object>>) dashboards.get("providers");
		List<Map<String, Object>> declared = (List<Map<String, Object>>) dataSources.get("datasources");
		assertThat(providers).singleElement()
			.satisfies((provider) -> assertThat(provider).containsEntry("type", "file"));
		assertThat(declared).extracting((dataSource) -> dataSource.get("type"))
			.containsExactlyInAnyOrder("prometheus", "mysql");
		assertThat(Files.readString(Observability.DASHBOARDS.resolve("provisioning/datasources/db-cloner.yaml")))
			.doesNotContain("uid:");
	}

	private static Map<String, Object> yaml(String file) throws IOException {
		return new Yaml().load(Files.readString(Observability.DASHBOARDS.resolve(Path.of(file))));
	}

}
