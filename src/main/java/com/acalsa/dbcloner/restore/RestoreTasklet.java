package com.acalsa.dbcloner.restore;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.job.WorkerProperties;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.CloneMarker;
import com.acalsa.dbcloner.mysql.DeferredIndexes;
import com.acalsa.dbcloner.mysql.Identifiers;
import com.acalsa.dbcloner.mysql.SchemaObject;
import com.acalsa.dbcloner.mysql.SchemaObjects;
import com.acalsa.dbcloner.mysql.ServerCapabilities;
import com.acalsa.dbcloner.mysql.Sessions;
import com.acalsa.dbcloner.mysql.SqlErrors;
import com.acalsa.dbcloner.mysql.TableColumn;
import com.acalsa.dbcloner.mysql.TableShape;
import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code restore} step, in three phases: check the target and create every table as
 * the source had it but for its secondary indexes and foreign keys
 * ({@link DeferredIndexes}); load the key ranges' rows in parallel, one connection per
 * worker, adding each table's indexes back as soon as its rows are in
 * ({@link LoadSchedule}), returning as each task ends so that a stop request is honoured
 * between them; add the foreign keys back, recreate views, routines, triggers and events
 * and mark the clone {@code RESTORED}. Foreign-key checks are off in each session so
 * tables load in any order; the sessions set every mode the load depends on (see
 * {@link Sessions#loadRawValues}). Until the last call the clone stays marked
 * {@code RESTORING}.
 */
class RestoreTasklet implements Tasklet, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(RestoreTasklet.class);

	/** Room for a value's length prefix and the row packet's header. */
	private static final long PACKET_OVERHEAD_PER_COLUMN = 16;

	private final CloneEndpoints endpoints;

	private final BackupDirectory backup;

	private final RestoreProperties properties;

	private final int workers;

	private Manifest manifest;

	private ParallelLoad loads;

	private long loadStartedAt;

	private List<String> foreignKeys;

	RestoreTasklet(CloneEndpoints endpoints, BackupDirectory backup, RestoreProperties properties,
			WorkerProperties workers) {
		this.endpoints = endpoints;
		this.backup = backup;
		this.properties = properties;
		this.workers = workers.workers();
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		try {
			if (this.manifest == null) {
				createTables();
				return RepeatStatus.CONTINUABLE;
			}
			if (this.loads.hasMore()) {
				// returns as each task ends: a stop request (SIGTERM) is honoured
				// between calls
				contribution.incrementWriteCount(this.loads.advance());
				if (!this.loads.hasMore()) {
					this.loads.close();
					logger.info("Loaded {} rows into {} and added back their secondary indexes in {} ms",
							this.manifest.tables().stream().mapToLong(Manifest.TableEntry::rows).sum(),
							this.endpoints.describeClone(), System.currentTimeMillis() - this.loadStartedAt);
				}
				return RepeatStatus.CONTINUABLE;
			}
			addForeignKeysAndObjects();
			return RepeatStatus.FINISHED;
		}
		catch (SQLException ex) {
			throw new ClonerException(RefBc.ERROR_RESTORE_BACKUP, "restore into " + this.endpoints.describeClone()
					+ " failed: " + SqlErrors.describe(ex, this.endpoints.target(), "cloner.target"), ex);
		}
		catch (IOException ex) {
			throw new ClonerException(RefBc.ERROR_RESTORE_BACKUP,
					"cannot read the backup " + this.backup + ": " + ex.getMessage(), ex);
		}
	}

	private void createTables() throws SQLException {
		Manifest manifest = this.backup.readManifest();
		ChunkLoader loader;
		Predicate<Manifest.TableEntry> oneRangeAtATime;
		Map<String, String> addIndexes = new HashMap<>();
		this.foreignKeys = new ArrayList<>();
		try (Connection connection = openClone()) {
			ServerCapabilities target = ServerCapabilities.probe(connection);
			boolean autoIncrementLocked = target.loadDataLocksAutoIncrementTables() && target.localInfile();
			oneRangeAtATime = (table) -> autoIncrementLocked
					&& table.columns().stream().anyMatch(TableColumn::autoIncrement);
			refuseRowsLargerThan(manifest, target.maxAllowedPacket());
			loader = chooseLoader(target);
			dropLeftOvers(connection);
			for (Manifest.TableEntry table : manifest.tables()) {
				DeferredIndexes split = DeferredIndexes.split(this.endpoints.cloneDatabase(), table.name(),
						table.ddl());
				split.addIndexes().ifPresent((sql) -> addIndexes.put(table.name(), sql));
				split.addForeignKeys().ifPresent(this.foreignKeys::add);
				try {
					Sessions.execute(connection, split.createTable());
				}
				catch (SQLException ex) {
					throw new SQLException("table `" + table.name() + "`: " + ex.getMessage(), ex.getSQLState(),
							ex.getErrorCode(), ex);
				}
			}
		}
		this.manifest = manifest;
		this.loads = new ParallelLoad(this.endpoints, this.backup, this.workers, loader, manifest.tables(), addIndexes,
				oneRangeAtATime);
		this.loadStartedAt = System.currentTimeMillis();
	}

	/** A failed or stopped step leaves no worker loading. */
	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (this.loads != null) {
			this.loads.close();
		}
		return null;
	}

	/**
	 * The foreign keys, once every table they reference is loaded (with
	 * {@code foreign_key_checks=0}, a change to the tables' metadata only), then the
	 * views, routines, triggers and events, and the mark.
	 */
	private void addForeignKeysAndObjects() throws SQLException {
		try (Connection connection = openClone()) {
			for (String alter : this.foreignKeys) {
				Sessions.execute(connection, alter);
			}
			new ObjectRestorer(connection, this.manifest.database(), this.properties.definers())
				.restore(this.manifest.objects());
			CloneMarker.updateStatus(connection, this.endpoints.cloneDatabase(), CloneMarker.Status.RESTORED);
		}
		logger.info("Restored {} into {}: {} tables, {} other objects (definers: {})", this.backup,
				this.endpoints.describeClone(), this.manifest.tables().size(), this.manifest.objects().size(),
				this.properties.definers());
	}

	/**
	 * A restart resumes at this step on the clone a failed attempt half filled: what that
	 * attempt created goes first (foreign-key checks are off for the session; a table's
	 * triggers go with it), the mark stays, so the restore always starts from the empty
	 * marked clone.
	 */
	private void dropLeftOvers(Connection connection) throws SQLException {
		String clone = this.endpoints.cloneDatabase();
		List<String> drops = new ArrayList<>();
		for (SchemaObject object : SchemaObjects.read(connection, clone)) {
			if (object.type() != SchemaObject.Type.TRIGGER) {
				drops.add("DROP " + object.type() + " " + Identifiers.qualify(clone, object.name()));
			}
		}
		for (String table : TableShape.baseTables(connection, clone)) {
			if (!table.equals(CloneMarker.TABLE)) {
				drops.add("DROP TABLE " + Identifiers.qualify(clone, table));
			}
		}
		for (String drop : drops) {
			Sessions.execute(connection, drop);
		}
		if (!drops.isEmpty()) {
			logger.info("Dropped {} objects an earlier attempt left in {}", drops.size(),
					this.endpoints.describeClone());
		}
	}

	/**
	 * LOAD DATA LOCAL INFILE where the target allows it (about twice as fast), batched
	 * INSERTs otherwise.
	 */
	private ChunkLoader chooseLoader(ServerCapabilities target) {
		if (target.localInfile()) {
			logger.info("Restoring into {} with LOAD DATA LOCAL INFILE, {} connections", this.endpoints.describeClone(),
					this.workers);
			return new LoadDataLoader();
		}
		logger.info(
				"Restoring into {} with batched INSERTs, {} connections: local_infile is OFF on {} (set it to 1 "
						+ "for a faster restore)",
				this.endpoints.describeClone(), this.workers, this.endpoints.target().server());
		return new InsertLoader(target.maxAllowedPacket());
	}

	private Connection openClone() throws SQLException {
		Connection connection = this.endpoints.target().connect();
		connection.setCatalog(this.endpoints.cloneDatabase());
		Sessions.loadRawValues(connection);
		return connection;
	}

	/**
	 * No client can write or read a row larger than the server's
	 * {@code max_allowed_packet} (MySQL manual, "Packet Too Large"). LOAD DATA would
	 * still store it, leaving a clone nobody can read, so such a row stops the restore
	 * before anything is created.
	 */
	private void refuseRowsLargerThan(Manifest manifest, long maxAllowedPacket) {
		for (Manifest.TableEntry table : manifest.tables()) {
			Manifest.Chunk largest = table.largestRowChunk();
			long needed = largest.largestRow() + PACKET_OVERHEAD_PER_COLUMN * table.columns().size();
			if (needed > maxAllowedPacket) {
				throw new ClonerException(RefBc.ERROR_RESTORE_BACKUP, "table `" + table.name() + "`: the row at key "
						+ largest.largestRowKey() + " holds " + largest.largestRow() + " bytes, more than the "
						+ "target's max_allowed_packet (" + maxAllowedPacket + "); raise max_allowed_packet on "
						+ this.endpoints.target().server() + " (on RDS, in its parameter group) above " + needed);
			}
		}
	}

}
