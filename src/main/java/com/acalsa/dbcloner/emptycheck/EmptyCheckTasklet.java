package com.acalsa.dbcloner.emptycheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code emptyCheck} step: the backup is usable only if its manifest lists at least
 * one table and every file it lists is present, not empty, and has the size and CRC-32C
 * the manifest recorded. Reads the files, writes nothing.
 */
class EmptyCheckTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(EmptyCheckTasklet.class);

	private final BackupDirectory backup;

	EmptyCheckTasklet(BackupDirectory backup) {
		this.backup = backup;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		if (!this.backup.isComplete()) {
			throw empty("the backup " + this.backup + " has no manifest; it is incomplete. Run clone again");
		}
		Manifest manifest = this.backup.readManifest();
		if (manifest.tables().isEmpty()) {
			throw empty("the backup of " + manifest.source() + " holds no table: the source database is empty. "
					+ "Check cloner.source.url names the right database");
		}
		for (Manifest.TableEntry table : manifest.tables()) {
			for (Manifest.Chunk chunk : table.chunks()) {
				check(table, chunk);
				contribution.incrementReadCount();
			}
		}
		logger.info("Backup {} checked: {} tables, every file present and intact", this.backup,
				manifest.tables().size());
		return RepeatStatus.FINISHED;
	}

	private void check(Manifest.TableEntry table, Manifest.Chunk chunk) {
		Path file = this.backup.file(chunk);
		try {
			if (!Files.isRegularFile(file)) {
				throw empty("the file of table `" + table.name() + "` (" + file + ") is missing from the backup");
			}
			long size = Files.size(file);
			if (size == 0) {
				throw empty("the file of table `" + table.name() + "` (" + file + ") is empty");
			}
			if (size != chunk.bytes() || !chunk.crc32c().equals(this.backup.crc32c(chunk))) {
				throw empty("the file of table `" + table.name() + "` (" + file
						+ ") does not match its checksum in the manifest; the backup is damaged. Run clone again");
			}
		}
		catch (IOException ex) {
			throw empty("the file of table `" + table.name() + "` (" + file + ") cannot be read: " + ex.getMessage());
		}
	}

	private static ClonerException empty(String message) {
		return new ClonerException(RefBc.ERROR_EMPTY_BACKUP, message);
	}

}
