package com.acalsa.dbcloner.job;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Gives a failed step its REF_BC exit code: the code the failure carries when it is a {@link ClonerException},
 * otherwise the step's own code. Every step has one, so no step ends as a bare FAILED.
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
		Failure failure = Failure.of(stepExecution.getFailureExceptions().get(0), this.stepCode);
		return new ExitStatus(failure.refBc().code(), failure.cause());
	}

}
