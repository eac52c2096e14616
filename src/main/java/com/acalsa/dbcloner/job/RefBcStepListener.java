package com.acalsa.dbcloner.job;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Gives a failed step its REF_BC exit code: the code the failure carries when it is a
 * {@link ClonerException}, otherwise the step's own code; a step stopped on request gets
 * {@link RefBc#ERROR_INTERRUPTED}. Every step has one, so no step ends as a bare FAILED.
 */
public class RefBcStepListener implements StepExecutionListener {

	private final RefBc stepCode;

	public RefBcStepListener(RefBc stepCode) {
		this.stepCode = stepCode;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (stepExecution.getFailureExceptions().isEmpty()) {
			return null;
		}
		if (stepExecution.getStatus() == BatchStatus.STOPPED) {
			return new ExitStatus(RefBc.ERROR_INTERRUPTED.code(), "stopped on request");
		}
		Failure failure = Failure.of(stepExecution.getFailureExceptions().get(0), this.stepCode);
		return new ExitStatus(failure.refBc().code(), failure.cause());
	}

}
