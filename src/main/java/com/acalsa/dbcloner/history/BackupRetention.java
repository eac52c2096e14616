package com.acalsa.dbcloner.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.acalsa.dbcloner.snapshot.BackupDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * Removes backups after a run: first every half-written one (no manifest) whose run is no
 * longer going (the process died or the backup failed), which is never restored; then
 * whole backups, oldest first, beyond {@code cloner.backup.keep} or older than
 * {@code cloner.backup.max-age}, the newest always kept. A backup whose run is still
 * going or can still be resumed (its last execution FAILED or STOPPED) is never removed.
 * Only directories named as the backup step names them
 * ({@code <database>-<time>-e<execution id>}) are considered.
 */
@Component
public class BackupRetention {

	private static final Logger logger = LoggerFactory.getLogger(BackupRetention.class);

	private static final Pattern BACKUP_NAME = Pattern.compile(".+-\\d{8}T\\d{6}Z-e(\\d+)");

	private final RetentionProperties properties;

	private final RunHistory history;

	BackupRetention(RetentionProperties properties, RunHistory history) {
		this.properties = properties;
		this.history = history;
	}

	/** Applies the retention rules; returns the directories removed. */
	public List<Path> apply() {
		List<Path> removed = new ArrayList<>();
		List<Path> whole = new ArrayList<>();
		for (Path dir : backups()) {
			Optional<JobExecution> last = lastExecutionOfRun(dir);
			boolean going = last.map((run) -> run.getStatus().isRunning()).orElse(false);
			if (!new BackupDirectory(dir).isComplete()) {
				if (!going && delete(dir, "half-written")) {
					removed.add(dir);
				}
			}
			else if (!going && !last.map(RestartPolicy::isFailed).orElse(false)) {
				whole.add(dir);
			}
		}
		whole.sort(Comparator.comparing(BackupRetention::modified).reversed());
		Instant oldest = Instant.now().minus(this.properties.maxAge());
		for (int i = 1; i < whole.size(); i++) {
			Path dir = whole.get(i);
			if ((i >= this.properties.keep() || modified(dir).isBefore(oldest)) && delete(dir, "old")) {
				removed.add(dir);
			}
		}
		return removed;
	}

	private List<Path> backups() {
		if (!Files.isDirectory(this.properties.dir())) {
			return List.of();
		}
		try (Stream<Path> dirs = Files.list(this.properties.dir())) {
			return dirs.filter(Files::isDirectory)
				.filter((dir) -> BACKUP_NAME.matcher(dir.getFileName().toString()).matches())
				.toList();
		}
		catch (IOException ex) {
			logger.warn("Cannot list the backups under {}: {}", this.properties.dir(), ex.getMessage());
			return List.of();
		}
	}

	/**
	 * The newest execution of the run that wrote {@code dir}: a restart resumes the same
	 * run on the same backup.
	 */
	private Optional<JobExecution> lastExecutionOfRun(Path dir) {
		Matcher name = BACKUP_NAME.matcher(dir.getFileName().toString());
		name.matches();
		return this.history.find(Long.parseLong(name.group(1))).flatMap(this.history::lastOfItsInstance);
	}

	private static Instant modified(Path dir) {
		try {
			return Files.getLastModifiedTime(dir).toInstant();
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0).toInstant();
		}
	}

	private static boolean delete(Path dir, String why) {
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
			logger.info("Removed {} backup {}", why, dir);
			return true;
		}
		catch (IOException ex) {
			logger.warn("Could not remove {} backup {}: {}", why, dir, ex.getMessage());
			return false;
		}
	}

}
