package com.acalsa.dbcloner.cli;

import java.util.Map;

import com.acalsa.dbcloner.TestServer;
import org.junit.jupiter.api.AfterAll;

/**
 * The restart scenarios again, with the job repository in MariaDB as in production (its
 * schema created on first use), instead of H2.
 */
class RestartOnMariaDbRepositoryIntegrationTests extends RestartIntegrationTests {

	private static final String REPOSITORY = TestServer.createDatabase("restart_repo");

	@AfterAll
	static void dropRepository() {
		TestServer.dropDatabases(REPOSITORY);
	}

	@Override
	Map<String, String> repository() {
		return Map.of("spring.datasource.url", TestServer.url(REPOSITORY), "spring.datasource.username",
				TestServer.USER, "spring.datasource.password", TestServer.PASSWORD);
	}

}
