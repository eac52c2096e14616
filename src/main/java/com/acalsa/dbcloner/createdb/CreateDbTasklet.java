package com.acalsa.dbcloner.createdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.CloneMarker;
import com.acalsa.dbcloner.mysql.Identifiers;
import com.acalsa.dbcloner.mysql.ServerCapabilities;
import com.acalsa.dbcloner.mysql.Sessions;
import com.acalsa.dbcloner.mysql.SqlErrors;
import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code createDb} step: creates the clone database, empty, with the source
 * database's default character set and collation (which {@code CREATE DATABASE} would
 * otherwise take from the server), and marks it as a clone. An existing database of that
 * name is dropped only when it carries db-cloner's mark; any other database is left
 * exactly as it is and the step fails. It never touches the source: a target that turns
 * out to be the source server and database is refused even when the URLs looked
 * different.
 */
class CreateDbTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(CreateDbTasklet.class);

	private static final String SQL_DATABASE_EXISTS = "SELECT COUNT(*) FROM information_schema.SCHEMATA "
			+ "WHERE SCHEMA_NAME = ?";

	private final CloneEndpoints endpoints;

	private final BackupDirectory backup;

	CreateDbTasklet(CloneEndpoints endpoints, BackupDirectory backup) {
		this.endpoints = endpoints;
		this.backup = backup;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		Manifest manifest = this.backup.readManifest();
		String clone = this.endpoints.cloneDatabase();
		try (Connection connection = this.endpoints.target().connect()) {
			refuseTheSource(connection);
			if (exists(connection, clone)) {
				dropPreviousClone(connection, clone);
			}
			Sessions.execute(connection, "CREATE DATABASE " + Identifiers.quote(clone) + " CHARACTER SET "
					+ manifest.characterSet() + " COLLATE " + manifest.collation());
			CloneMarker.create(connection, clone, new CloneMarker.Mark(manifest.source(), this.backup.toString(),
					contribution.getStepExecution().getJobExecutionId(), CloneMarker.Status.RESTORING));
			logger.info("Created clone database {} ({} / {})", this.endpoints.describeClone(), manifest.characterSet(),
					manifest.collation());
			return RepeatStatus.FINISHED;
		}
		catch (SQLException ex) {
			throw new ClonerException(RefBc.ERROR_CREATE_TEST_DB,
					"cannot create the clone " + this.endpoints.describeClone() + ": "
							+ SqlErrors.describe(ex, this.endpoints.target(), "cloner.target"),
					ex);
		}
	}

	private void refuseTheSource(Connection target) throws SQLException {
		String targetIdentity = ServerCapabilities.probe(target).identity();
		try (Connection source = this.endpoints.source().connect()) {
			if (ServerCapabilities.probe(source).identity().equals(targetIdentity)
					&& this.endpoints.source().database().equalsIgnoreCase(this.endpoints.cloneDatabase())) {
				throw new ClonerException(RefBc.ERROR_CONFIGURATION, "the clone " + this.endpoints.describeClone()
						+ " is the source database itself; set cloner.target.database to another name");
			}
		}
	}

	private void dropPreviousClone(Connection connection, String clone) throws SQLException {
		Optional<CloneMarker.Mark> mark = CloneMarker.read(connection, clone);
		if (mark.isEmpty()) {
			throw new ClonerException(RefBc.ERROR_CREATE_TEST_DB, "database " + this.endpoints.describeClone()
					+ " already exists and was not created by db-cloner, so it was left untouched; set "
					+ "cloner.target.database to another name, or drop that database yourself if it is disposable");
		}
		logger.info("Dropping the previous clone {} (status {}, from run {})", this.endpoints.describeClone(),
				mark.get().status(), mark.get().jobExecutionId());
		Sessions.execute(connection, "DROP DATABASE " + Identifiers.quote(clone));
	}

	private static boolean exists(Connection connection, String database) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(SQL_DATABASE_EXISTS)) {
			statement.setString(1, database);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1) > 0;
			}
		}
	}

}
