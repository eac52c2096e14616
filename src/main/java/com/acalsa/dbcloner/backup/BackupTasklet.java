package com.acalsa.dbcloner.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.SqlErrors;
import com.acalsa.dbcloner.mysql.TableShape;
import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code backup} step: opens one consistent snapshot of the source, then backs up one table per call (so the
 * step's counts are committed table by table and a stop request is honoured between tables), and finally writes the
 * manifest and records the backup directory in the job's execution context. A failed backup removes its own
 * half-written directory and nothing else.
 */
class BackupTasklet implements Tasklet, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(BackupTasklet.class);

	private static final DateTimeFormatter DIRECTORY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	private final CloneEndpoints endpoints;

	private final BackupProperties properties;

	private SourceSnapshot snapshot;

	private BackupDirectory directory;

	private Manifest manifest;

	private Iterator<String> pending;

	private final List<Manifest.TableEntry> done = new ArrayList<>();

	BackupTasklet(CloneEndpoints endpoints, BackupProperties properties) {
		this.endpoints = endpoints;
		this.properties = properties;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution stepExecution = contribution.getStepExecution();
		try {
			if (this.snapshot == null) {
				begin(stepExecution);
				return RepeatStatus.CONTINUABLE;
			}
			if (this.pending.hasNext()) {
				backUpTable(this.pending.next(), contribution);
				return RepeatStatus.CONTINUABLE;
			}
			finish(stepExecution);
			return RepeatStatus.FINISHED;
		}
		catch (SQLException ex) {
			throw new ClonerException(RefBc.ERROR_BACKUP,
					"backup of " + this.endpoints.source().describe() + " failed: "
							+ SqlErrors.describe(ex, this.endpoints.source(), "cloner.source"),
					ex);
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

	private void begin(StepExecution stepExecution) throws SQLException, IOException {
		this.snapshot = SourceSnapshot.open(this.endpoints.source());
		this.manifest = this.snapshot.describe(this.endpoints.source().describe());
		List<String> tables = this.snapshot.tables();
		this.pending = tables.iterator();
		this.directory = new BackupDirectory(Files.createDirectories(this.properties.dir()
			.resolve(directoryName(this.endpoints.source().database(), stepExecution.getJobExecutionId()))));
		logger.info("Snapshot of {} taken at {}: {} tables, backing up into {}", this.endpoints.source().describe(),
				this.manifest.snapshotAt(), tables.size(), this.directory);
	}

	private void backUpTable(String name, StepContribution contribution) throws SQLException, IOException {
		TableShape shape = this.snapshot.shape(name);
		Path file = this.directory.path().resolve(String.format("t%04d.tsv.zst", this.done.size() + 1));
		Manifest.TableEntry entry = this.snapshot.backUp(shape, file, this.properties.compressionLevel());
		this.done.add(entry);
		contribution.incrementWriteCount(entry.rows());
		logger.debug("Backed up {}: {} rows, {} bytes", name, entry.rows(), entry.bytes());
	}

	private void finish(StepExecution stepExecution) throws SQLException {
		Manifest whole = new Manifest(this.manifest.formatVersion(), this.manifest.source(), this.manifest.database(),
				this.manifest.characterSet(), this.manifest.collation(), this.manifest.serverVersion(),
				this.manifest.snapshotAt(), List.copyOf(this.done), this.snapshot.objects());
		closeSnapshot();
		this.directory.writeManifest(whole);
		stepExecution.getJobExecution()
			.getExecutionContext()
			.putString(BackupDirectory.CONTEXT_KEY, this.directory.path().toAbsolutePath().toString());
		long rows = this.done.stream().mapToLong(Manifest.TableEntry::rows).sum();
		long bytes = this.done.stream().mapToLong(Manifest.TableEntry::bytes).sum();
		logger.info("Backup of {} complete: {} tables, {} other objects, {} rows, {} bytes in {}",
				this.endpoints.source().describe(), this.done.size(), whole.objects().size(), rows, bytes,
				this.directory);
	}

	private void closeSnapshot() {
		if (this.snapshot == null) {
			return;
		}
		try {
			this.snapshot.close();
		}
		catch (SQLException ex) {
			logger.warn("Closing the snapshot connection failed: {}", ex.getMessage());
		}
		this.snapshot = null;
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
