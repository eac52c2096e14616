package com.acalsa.dbcloner.job;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Records the job's outcome as its exit status in the job repository: {@code COMPLETED},
 * or the REF_BC code of the step that failed with the plain cause as exit description (no
 * stack trace). A job that failed outside any step (a listener, the repository) gets the
 * code its failure carries. A run stopped on request (SIGTERM, see
 * {@code history.StopOnSignal}) ends with {@link RefBc#ERROR_INTERRUPTED}, naming the
 * step it stopped in.
 */
public class RefBcJobListener implements JobExecutionListener {

	@Override
	public void afterJob(JobExecution jobExecution) {
		if (jobExecution.getStatus() == BatchStatus.COMPLETED) {
			return;
		}
		Failure failure = failureOf(jobExecution);
		if (failure != null) {
			jobExecution.setExitStatus(new ExitStatus(failure.refBc().code(), failure.cause()));
		}
	}

	private static Failure failureOf(JobExecution jobExecution) {
		for (StepExecution step : jobExecution.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.STOPPED) {
				return new Failure(RefBc.ERROR_INTERRUPTED, "stopped on request (SIGTERM) during step "
						+ step.getStepName() + "; the clone is left incomplete and the next run resumes here");
			}
			if (RefBc.ofCode(step.getExitStatus().getExitCode()).isPresent()) {
				RefBc refBc = RefBc.ofCode(step.getExitStatus().getExitCode()).get();
				return Failure.of(step.getFailureExceptions().isEmpty()
						? new ClonerException(refBc, "step " + step.getStepName() + " failed")
						: step.getFailureExceptions().get(0), refBc);
			}
		}
		if (!jobExecution.getFailureExceptions().isEmpty()) {
			return Failure.of(jobExecution.getFailureExceptions().get(0), RefBc.ERROR_UNEXPECTED);
		}
		return null;
	}

}
