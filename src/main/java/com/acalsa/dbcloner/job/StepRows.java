package com.acalsa.dbcloner.job;

import org.springframework.batch.core.step.StepExecution;

/**
 * How many table rows a step handled. Steps whose items are rows count them in their
 * write count; a step whose items are something else (compare's items are key ranges)
 * records its rows in its execution context under {@value #CONTEXT_KEY}. History and
 * metrics read rows through {@link #of}.
 */
public final class StepRows {

	public static final String CONTEXT_KEY = "rows";

	private StepRows() {
	}

	public static long of(StepExecution step) {
		return step.getExecutionContext().getLong(CONTEXT_KEY, step.getWriteCount());
	}

}
