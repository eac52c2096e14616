package com.acalsa.dbcloner.cli;

import com.acalsa.dbcloner.job.Failure;

/**
 * How a command ended: success (exit 0) or a {@link Failure} whose REF_BC code gives the
 * exit status.
 *
 * @param failure the failure, or {@code null} on success
 */
record Outcome(Failure failure) {

	static Outcome success() {
		return new Outcome(null);
	}

	static Outcome failure(Failure failure) {
		return new Outcome(failure);
	}

	int exitCode() {
		return (this.failure != null) ? this.failure.refBc().exitCode() : 0;
	}

}
