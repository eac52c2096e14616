package com.acalsa.dbcloner.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.job.WorkerPipeline;
import com.acalsa.dbcloner.job.WorkerProperties;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.SqlErrors;
import com.acalsa.dbcloner.mysql.TableShape;
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
 * The {@code backup} step, in three phases: open one consistent snapshot on every worker
 * connection and plan each table's key ranges; back the ranges up in parallel, a few per
 * call so that a stop request is honoured between them; check that no table's definition
 * changed meanwhile, write the manifest and record the backup directory in the job's
 * execution context. A failed backup removes its own half-written directory and nothing
 * else.
 */
class BackupTasklet implements Tasklet, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(BackupTasklet.class);

	private static final DateTimeFormatter DIRECTORY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	private final CloneEndpoints endpoints;

	private final BackupProperties properties;

	private final int workers;

	private SnapshotGroup snapshot;

	private BackupDirectory directory;

	private Manifest manifest;

	private List<TablePlan> plans;

	private List<ParallelBackup.RangeTask> tasks;

	private WorkerPipeline<Manifest.Chunk> backups;

	/** The ranges backed up so far, by row file name. */
	private final Map<String, Manifest.Chunk> chunks = new HashMap<>();

	BackupTasklet(CloneEndpoints endpoints, BackupProperties properties, WorkerProperties workers) {
		this.endpoints = endpoints;
		this.properties = properties;
		this.workers = workers.workers();
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		StepExecution stepExecution = contribution.getStepExecution();
		try {
			if (this.snapshot == null) {
				begin(stepExecution);
				return RepeatStatus.CONTINUABLE;
			}
			if (this.backups.hasMore()) {
				// returns as each range ends: a stop request (SIGTERM) is honoured
				// between calls
				List<Manifest.Chunk> done = this.backups.advance();
				done.forEach((chunk) -> this.chunks.put(chunk.file(), chunk));
				contribution.incrementWriteCount(done.stream().mapToLong(Manifest.Chunk::rows).sum());
				return RepeatStatus.CONTINUABLE;
			}
			finish(stepExecution);
			return RepeatStatus.FINISHED;
		}
		catch (SQLException ex) {
			throw new ClonerException(RefBc.ERROR_BACKUP, "backup of " + this.endpoints.source().describe()
					+ " failed: " + SqlErrors.describe(ex, this.endpoints.source(), "cloner.source"), ex);
		}
		catch (IOException | UncheckedIOException ex) {
			throw new ClonerException(RefBc.ERROR_BACKUP, "cannot write the backup under " + this.properties.dir()
					+ " (" + ex.getMessage() + "); check that cloner.backup.dir is writable and has free space", ex);
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		closeSnapshot();
		if (!ExitStatus.COMPLETED.equals(stepExecution.getExitStatus()) && this.directory != null
				&& !this.directory.isComplete()) {
			deleteQuietly(this.directory.path());
		}
		return null;
	}

	private void begin(StepExecution stepExecution) throws SQLException, IOException, InterruptedException {
		List<String> names;
		try (Connection connection = this.endpoints.source().connect()) {
			names = TableShape.baseTables(connection, this.endpoints.source().database());
		}
		this.snapshot = SnapshotGroup.open(this.endpoints.source(), names, this.workers);
		Connection connection = this.snapshot.acquire();
		try {
			this.manifest = SnapshotFacts.describe(connection, this.endpoints.source());
			this.plans = new ArrayList<>();
			for (String name : names) {
				TableShape shape = TableShape.read(connection, this.endpoints.source().database(), name);
				this.plans.add(new TablePlan(shape, ChunkBackup.plan(connection, this.endpoints.source().database(),
						shape, this.properties.chunkRows())));
			}
			this.manifest = this.manifest.withObjects(SnapshotFacts.objects(connection, this.endpoints.source()));
		}
		finally {
			this.snapshot.release(connection);
		}
		this.directory = new BackupDirectory(Files.createDirectories(this.properties.dir()
			.resolve(directoryName(this.endpoints.source().database(), stepExecution.getJobExecutionId()))));
		this.tasks = ParallelBackup.tasks(this.plans, this.directory.path());
		this.backups = new ParallelBackup(this.snapshot, this.endpoints.source().database(),
				this.properties.compressionLevel())
			.start(this.tasks);
		logger.info("Snapshot of {} taken at {} on {} connection(s): {} tables in {} key ranges, backing up into {}",
				this.endpoints.source().describe(), this.manifest.snapshotAt(), this.snapshot.size(), names.size(),
				this.plans.stream().mapToInt((plan) -> plan.ranges().size()).sum(), this.directory);
	}

	private void finish(StepExecution stepExecution) throws SQLException {
		closeSnapshot();
		List<Manifest.TableEntry> tables = ParallelBackup.tables(this.plans,
				this.tasks.stream().map((task) -> this.chunks.get(task.file().getFileName().toString())).toList());
		try (Connection connection = this.endpoints.source().connect()) {
			SnapshotFacts.refuseChangedDefinitions(connection, this.endpoints.source().database(), tables);
		}
		Manifest whole = this.manifest.withTables(tables);
		this.directory.writeManifest(whole);
		stepExecution.getJobExecution()
			.getExecutionContext()
			.putString(BackupDirectory.CONTEXT_KEY, this.directory.path().toAbsolutePath().toString());
		long rows = tables.stream().mapToLong(Manifest.TableEntry::rows).sum();
		long bytes = tables.stream().mapToLong(Manifest.TableEntry::bytes).sum();
		logger.info("Backup of {} complete: {} tables, {} other objects, {} rows, {} bytes in {}",
				this.endpoints.source().describe(), tables.size(), whole.objects().size(), rows, bytes, this.directory);
	}

	private void closeSnapshot() {
		if (this.backups != null) {
			this.backups.close();
		}
		if (this.snapshot != null) {
			this.snapshot.close();
			this.snapshot = null;
		}
	}

	static String directoryName(String database, long jobExecutionId) {
		String safe = database.replaceAll("[^A-Za-z0-9_-]", "_");
		return safe + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(DIRECTORY_TIME) + "-e" + jobExecutionId;
	}

	private static void deleteQuietly(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			logger.warn("Could not remove the incomplete backup {}: {}", directory, ex.getMessage());
		}
	}

}
