package com.acalsa.dbcloner.history;

import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Writes into each execution's context what the history shows beyond Spring Batch's own
 * columns: why the run started afresh or resumed another ({@value #CHOICE_KEY}), and the
 * size of its backup ({@value #BACKUP_BYTES_KEY}). The command notes its choice before it
 * starts the job; the note goes to the next execution only.
 */
@Component
public class RunJournal implements JobExecutionListener {

	public static final String CHOICE_KEY = "history.choice";

	public static final String BACKUP_BYTES_KEY = "history.backup.bytes";

	private final JobRepository jobRepository;

	private volatile String pendingChoice;

	RunJournal(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/** What the next execution records as the reason it runs. */
	public void note(String choice) {
		this.pendingChoice = choice;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		String choice = this.pendingChoice;
		this.pendingChoice = null;
		jobExecution.getExecutionContext().remove(CHOICE_KEY);
		if (choice != null) {
			jobExecution.getExecutionContext().putString(CHOICE_KEY, choice);
		}
		this.jobRepository.updateExecutionContext(jobExecution);
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		BackupDirectory backup = RestartPolicy.backupOf(jobExecution);
		if (backup != null && backup.isComplete()) {
			long bytes = backup.readManifest().tables().stream().mapToLong(Manifest.TableEntry::bytes).sum();
			jobExecution.getExecutionContext().putLong(BACKUP_BYTES_KEY, bytes);
			this.jobRepository.updateExecutionContext(jobExecution);
		}
	}

}
