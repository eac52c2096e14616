package com.acalsa.dbcloner.restore;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.CloneMarker;
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

	/** Room for a value's length prefix and the row packet's header. */
	private static final long PACKET_OVERHEAD_PER_COLUMN = 16;

	private final CloneEndpoints endpoints;

	private final BackupDirectory backup;

	private final RestoreProperties properties;

	private Connection connection;

	private Manifest manifest;

	private Iterator<Manifest.TableEntry> pending;

	private Manifest.TableEntry current;

	RestoreTasklet(CloneEndpoints endpoints, BackupDirectory backup, RestoreProperties properties) {
		this.endpoints = endpoints;
		this.backup = backup;
		this.properties = properties;
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
			this.current = null;
			new ObjectRestorer(this.connection, this.manifest.database(), this.properties.definers())
				.restore(this.manifest.objects());
			CloneMarker.updateStatus(this.connection, this.endpoints.cloneDatabase(), CloneMarker.Status.RESTORED);
			logger.info("Restored {} into {}: {} tables, {} other objects (definers: {})", this.backup,
					this.endpoints.describeClone(), this.manifest.tables().size(), this.manifest.objects().size(),
					this.properties.definers());
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
		this.manifest = this.backup.readManifest();
		ServerCapabilities target = ServerCapabilities.probe(this.connection);
		if (!target.localInfile()) {
			throw new ClonerException(RefBc.ERROR_RESTORE_BACKUP, "the target server " + this.endpoints.target()
				.server() + " has local_infile OFF; set local_infile=1 in its parameter group");
		}
		refuseRowsLargerThan(target.maxAllowedPacket());
		this.connection.setCatalog(this.endpoints.cloneDatabase());
		Sessions.loadRawValues(this.connection);
		this.pending = this.manifest.tables().iterator();
	}

	/**
	 * No client can write or read a row larger than the server's {@code max_allowed_packet} (MySQL manual, "Packet
	 * Too Large"). LOAD DATA would still store it, leaving a clone nobody can read, so such a row stops the restore
	 * before anything is loaded.
	 */
	private void refuseRowsLargerThan(long maxAllowedPacket) {
		for (Manifest.TableEntry table : this.manifest.tables()) {
			long needed = table.largestRow() + PACKET_OVERHEAD_PER_COLUMN * table.columns().size();
			if (needed > maxAllowedPacket) {
				throw new ClonerException(RefBc.ERROR_RESTORE_BACKUP, "table `" + table.name() + "`: the row at key "
						+ table.largestRowKey() + " holds " + table.largestRow() + " bytes, more than the target's "
						+ "max_allowed_packet (" + maxAllowedPacket + "); raise max_allowed_packet on "
						+ this.endpoints.target().server() + " (on RDS, in its parameter group) above " + needed);
			}
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
