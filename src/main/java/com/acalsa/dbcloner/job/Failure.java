package com.acalsa.dbcloner.job;

/**
 * A failure in the words an operator reads: its REF_BC code and one plain line of cause,
 * without a stack trace.
 *
 * @param refBc the code the failure ends with
 * @param cause what failed and what to do
 */
public record Failure(RefBc refBc, String cause) {

	/**
	 * Classifies {@code throwable}: the first {@link ClonerException} in its cause chain
	 * decides the code and the words; anything else gets {@code fallback} and its
	 * innermost message.
	 */
	public static Failure of(Throwable throwable, RefBc fallback) {
		for (Throwable t = throwable; t != null; t = t.getCause()) {
			if (t instanceof ClonerException cloner) {
				return new Failure(cloner.refBc(), cloner.getMessage());
			}
		}
		Throwable root = throwable;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return new Failure(fallback, message.lines().findFirst().orElse(message));
	}

	/**
	 * The two lines printed on stderr: the REF_BC line operators know, then the cause.
	 */
	public String describe() {
		return this.refBc.line() + System.lineSeparator() + "  cause: " + this.cause;
	}

}
