package com.acalsa.dbcloner.job;

/**
 * A failure that an operator can act on: it carries the {@link RefBc} code it ends with
 * and a message that says what failed, where (setting, database, table, key) and what to
 * do. Messages never contain a secret.
 */
public class ClonerException extends RuntimeException {

	private final RefBc refBc;

	public ClonerException(RefBc refBc, String message) {
		super(message);
		this.refBc = refBc;
	}

	public ClonerException(RefBc refBc, String message, Throwable cause) {
		super(message, cause);
		this.refBc = refBc;
	}

	public RefBc refBc() {
		return this.refBc;
	}

}
