package com.acalsa.dbcloner.history;

import org.springframework.batch.core.job.JobExecution;

/**
 * What a scheduled {@code clone} does about its pair's previous run, and why, in words
 * for the log and history.
 */
public sealed interface RunChoice {

	String reason();

	/**
	 * Start a new run: nothing to resume, or a failed run too old (or unusable) to
	 * resume.
	 */
	record Fresh(String reason) implements RunChoice {

	}

	/** Restart {@code failed}, at the step where it stopped, on its own backup. */
	record Resume(JobExecution failed, String reason) implements RunChoice {

	}

}
