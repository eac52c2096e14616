package com.acalsa.dbcloner.job;

import java.util.Iterator;
import java.util.concurrent.Callable;

/**
 * The tasks a {@link WorkerPipeline} runs, handed out one at a time as workers free up; a
 * source may hold a task back until others have ended (a table's indexes until its rows
 * are in, say).
 *
 * @param <T> what a task returns
 */
public interface TaskSource<T> {

	/**
	 * The next task that may start now, or {@code null} when the rest must wait for a
	 * running one to end.
	 */
	Callable<T> next();

	/** Whether every task has been handed out. */
	boolean isEmpty();

	/** The tasks of {@code tasks}, in order, none held back. */
	static <T> TaskSource<T> of(Iterator<? extends Callable<T>> tasks) {
		return new TaskSource<>() {

			@Override
			public Callable<T> next() {
				return tasks.hasNext() ? tasks.next() : null;
			}

			@Override
			public boolean isEmpty() {
				return !tasks.hasNext();
			}

		};
	}

}
