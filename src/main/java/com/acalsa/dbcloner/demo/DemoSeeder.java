package com.acalsa.dbcloner.demo;

import java.sql.Connection;
import java.sql.SQLException;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.Sessions;
import com.acalsa.dbcloner.mysql.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The {@code demo} profile's first act: puts the sample shop into the source database
 * when it is not there yet, so that the clone has something to copy on a fresh machine.
 * It creates, and never drops or changes, what exists.
 */
@Component
@Profile("demo")
class DemoSeeder implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DemoSeeder.class);

	private static final int CUSTOMERS = 1000;

	private final CloneEndpoints endpoints;

	DemoSeeder(CloneEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	public void run(ApplicationArguments args) {
		String database = this.endpoints.source().database();
		try (Connection connection = this.endpoints.source().serverOnly().connect()) {
			Sessions.execute(connection, SampleSchema.createDatabaseSql(database));
			if (SampleSchema.exists(connection, database)) {
				logger.info("Demo source {} already holds the sample", this.endpoints.source().describe());
				return;
			}
			SampleSchema.create(connection, database, CUSTOMERS);
			logger.info("Seeded the demo source {}", this.endpoints.source().describe());
		}
		catch (SQLException ex) {
			throw new ClonerException(RefBc.ERROR_BACKUP,
					"cannot seed the demo source: " + SqlErrors.describe(ex, this.endpoints.source(), "cloner.source"),
					ex);
		}
	}

}
