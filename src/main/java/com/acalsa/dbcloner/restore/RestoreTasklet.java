package com.acalsa.dbcloner.restore;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

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

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code restore} step: one table per call, its DDL as the source had it, then its rows streamed from the
 * backup. Foreign-key checks are off for the session so tables load in any order; the session sets every mode the
 * load depends on (see {@link Sessions#loadRawValues}). The clone stays marked {@code RESTORING} until every table is
 * loaded.
 */
class RestoreTasklet implements Tasklet, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(RestoreTasklet.class);

	private static final String SQL_LEFT_OVER_TABLES = "SELECT TABLE_NAME FROM information_schema.TABLES "
			+ "WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> '" + CloneMarker.TABLE + "'";

	private final CloneEndpoints endpoints;

	private final BackupDirectory backup;

	private Connection connection;

	private Iterator<Manifest.TableEntry> pending;

	private Manifest.TableEntry current;

	RestoreTasklet(CloneEndpoints endpoints, BackupDirectory backup) {
		this.endpoints = endpoints;
		this.backup = backup;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		try {
			if (this.connection == null) {
				begin();
				return RepeatStatus.CONTINUABLE;
			}
			if (this.pending.hasNext()) {
				this.current = this.pending.next();
				restore(this.current, contribution);
				return RepeatStatus.CONTINUABLE;
			}
			CloneMarker.updateStatus(this.connection, this.endpoints.cloneDatabase(), CloneMarker.Status.RESTORED);
			logger.info("Restored {} into {}", this.backup, this.endpoints.describeClone());
			return RepeatStatus.FINISHED;
		}
		catch (SQLException ex) {
			throw new ClonerException(RefBc.ERROR_RESTORE_BACKUP, "restore into " + this.endpoints.describeClone()
					+ " failed" + tableInWork() + ": "
					+ SqlErrors.describe(ex, this.endpoints.target(), "cloner.target"), ex);
		}
		catch (IOException ex) {
			throw new ClonerException(RefBc.ERROR_RESTORE_BACKUP,
					"cannot read the backup " + this.backup + tableInWork() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				logger.warn("Closing the restore connection failed: {}", ex.getMessage());
			}
		}
		return null;
	}

	private void begin() throws SQLException {
		this.connection = this.endpoints.target().connect();
		if (!ServerCapabilities.probe(this.connection).localInfile()) {
			throw new ClonerException(RefBc.ERROR_RESTORE_BACKUP, "the target server " + this.endpoints.target()
				.server() + " has local_infile OFF; set local_infile=1 in its parameter group");
		}
		this.connection.setCatalog(this.endpoints.cloneDatabase());
		Sessions.loadRawValues(this.connection);
		dropLeftOverTables();
		this.pending = this.backup.readManifest().tables().iterator();
	}

	/**
	 * A restart resumes at this step on the clone a failed attempt half filled: its tables go first (foreign-key
	 * checks are off for the session), the mark stays, so the restore always starts from the empty marked clone.
	 */
	private void dropLeftOverTables() throws SQLException {
		List<String> tables = new ArrayList<>();
		try (PreparedStatement statement = this.connection.prepareStatement(SQL_LEFT_OVER_TABLES)) {
			statement.setString(1, this.endpoints.cloneDatabase());
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
		}
		for (String table : tables) {
			Sessions.execute(this.connection, "DROP TABLE " + Identifiers.qualify(this.endpoints.cloneDatabase(), table));
		}
		if (!tables.isEmpty()) {
			logger.info("Dropped {} tables an earlier attempt left in {}", tables.size(), this.endpoints.describeClone());
		}
	}

	private void restore(Manifest.TableEntry table, StepContribution contribution) throws SQLException, IOException {
		Sessions.execute(this.connection, table.ddl());
		long rows = TableLoader.load(this.connection, this.endpoints.cloneDatabase(), table,
				TableLoader.open(this.backup.file(table)));
		contribution.incrementWriteCount(rows);
		logger.debug("Restored {}: {} rows", table.name(), rows);
	}

	private String tableInWork() {
		return (this.current != null) ? " at table `" + this.current.name() + "`" : "";
	}

}
