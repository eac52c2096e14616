package com.acalsa.dbcloner.job;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A step's workers, kept busy for the whole step while its tasklet returns between calls.
 * Each {@link #advance} tops the workers up to one running and one waiting task each,
 * waits until at least one task ends and returns what ended; the tasklet returns after
 * each call, so a stop request (SIGTERM) is honoured within one task's time. Unlike a
 * batch per call, no worker waits for the others to finish the batch's longest task. The
 * first failure is rethrown as what it was (an {@link SQLException} or
 * {@link IOException} for the step to classify); {@link #close} drops the tasks not
 * started and interrupts the running ones (whose owner closes their connections).
 *
 * @param <T> what a task returns
 */
public final class WorkerPipeline<T> implements AutoCloseable {

	private final ExecutorService pool;

	private final CompletionService<T> completion;

	private final TaskSource<T> tasks;

	private final int capacity;

	private int inFlight;

	public WorkerPipeline(int workers, String threadName, TaskSource<T> tasks) {
		this.pool = Executors.newFixedThreadPool(workers, (task) -> {
			Thread thread = new Thread(task, threadName);
			thread.setDaemon(true);
			return thread;
		});
		this.completion = new ExecutorCompletionService<>(this.pool);
		this.tasks = tasks;
		this.capacity = 2 * workers;
	}

	/** Whether a task is still to start or to end. */
	public boolean hasMore() {
		return this.inFlight > 0 || !this.tasks.isEmpty();
	}

	/**
	 * Starts tasks until every worker has one running and one waiting, then waits for at
	 * least one to end; returns the results of all that have ended, in the order they
	 * ended.
	 */
	public List<T> advance() throws SQLException, IOException {
		for (Callable<T> next = nextTask(); next != null; next = nextTask()) {
			this.completion.submit(next);
			this.inFlight++;
		}
		List<T> ended = new ArrayList<>();
		if (this.inFlight == 0) {
			if (!this.tasks.isEmpty()) {
				throw new IllegalStateException("tasks are left, but none may start while none runs");
			}
			return ended;
		}
		try {
			ended.add(resultOf(this.completion.take()));
			this.inFlight--;
			for (Future<T> next = this.completion.poll(); next != null; next = this.completion.poll()) {
				ended.add(resultOf(next));
				this.inFlight--;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for the step's workers", ex);
		}
		return ended;
	}

	private Callable<T> nextTask() {
		return (this.inFlight < this.capacity && !this.tasks.isEmpty()) ? this.tasks.next() : null;
	}

	@Override
	public void close() {
		this.pool.shutdownNow();
	}

	private static <T> T resultOf(Future<T> future) throws SQLException, IOException {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for the step's workers", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof SQLException sql) {
				throw sql;
			}
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(cause);
		}
	}

}
