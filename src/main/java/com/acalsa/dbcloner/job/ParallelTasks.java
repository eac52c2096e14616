package com.acalsa.dbcloner.job;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a step's pieces of work on a fixed number of threads and gives back their results
 * in order. The first failure is rethrown as what it was (an {@link SQLException} or
 * {@link IOException} for the step to classify) and stops the pieces not yet started.
 */
public final class ParallelTasks {

	private ParallelTasks() {
	}

	public static <T> List<T> run(int threads, String threadName, List<Callable<T>> tasks)
			throws SQLException, IOException {
		ExecutorService pool = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, threadName);
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> task : tasks) {
				futures.add(pool.submit(task));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(await(future));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	static <T> T await(Future<T> future) throws SQLException, IOException {
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
