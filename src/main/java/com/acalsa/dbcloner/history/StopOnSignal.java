package com.acalsa.dbcloner.history;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Stops the running job gracefully on SIGTERM, what Kubernetes sends before it kills a
 * pod. Spring Batch's {@code JobExecutionShutdownHook} asks
 * {@link JobOperator#stop(JobExecution)} and returns, and the JVM then halts while the
 * step is still running; this hook also waits, up to
 * {@code cloner.shutdown.grace-period}, for the job to reach its next commit and end
 * STOPPED with {@code REF_BC_015}, and lets the command print and exit with that code
 * (see {@link #signalled()}). Boot's own shutdown hook is off for the same reason: it
 * would close the job repository's pool under the running job. A run that does not stop
 * in time is recovered by the next one.
 */
@Component
public class StopOnSignal implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(StopOnSignal.class);

	/**
	 * Once the job has ended, how long the hook leaves the command to report and exit
	 * with its own code.
	 */
	private static final long EXIT_ALLOWANCE_SECONDS = 10;

	private static volatile boolean signalled;

	private final ObjectProvider<JobOperator> jobOperator;

	private final ShutdownProperties properties;

	private volatile Thread hook;

	private volatile CountDownLatch ended;

	/**
	 * The operator is looked up when a signal comes: the jobs this listens to are built
	 * before it, and the operator's job registry is filled with those jobs when the
	 * operator is created.
	 */
	StopOnSignal(ObjectProvider<JobOperator> jobOperator, ShutdownProperties properties) {
		this.jobOperator = jobOperator;
		this.properties = properties;
	}

	/**
	 * Whether the JVM is shutting down on a signal: the process must then halt with its
	 * code, not exit.
	 */
	public static boolean signalled() {
		return signalled;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		CountDownLatch latch = new CountDownLatch(1);
		this.ended = latch;
		this.hook = new Thread(() -> stop(jobExecution, latch), "db-cloner-sigterm");
		Runtime.getRuntime().addShutdownHook(this.hook);
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		this.ended.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down: the hook is running and waits for the
			// command to exit
		}
	}

	private void stop(JobExecution jobExecution, CountDownLatch latch) {
		signalled = true;
		logger.warn("Shutdown signal: stopping execution {} at its next commit (grace period {})", jobExecution.getId(),
				this.properties.gracePeriod());
		try {
			this.jobOperator.getObject().stop(jobExecution);
		}
		catch (JobExecutionNotRunningException ex) {
			logger.info("Execution {} had already ended", jobExecution.getId());
		}
		catch (RuntimeException ex) {
			logger.error("Could not ask execution {} to stop: {}", jobExecution.getId(), ex.getMessage());
		}
		awaitTheEnd(jobExecution, latch);
	}

	private void awaitTheEnd(JobExecution jobExecution, CountDownLatch latch) {
		try {
			if (!latch.await(this.properties.gracePeriod().toMillis(), TimeUnit.MILLISECONDS)) {
				logger.error("Execution {} did not stop within {}; the next run will recover it", jobExecution.getId(),
						this.properties.gracePeriod());
				return;
			}
			Thread.sleep(TimeUnit.SECONDS.toMillis(EXIT_ALLOWANCE_SECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
