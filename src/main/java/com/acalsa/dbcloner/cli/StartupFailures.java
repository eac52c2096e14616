package com.acalsa.dbcloner.cli;

import java.sql.SQLException;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.Failure;
import com.acalsa.dbcloner.job.RefBc;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.dao.DataAccessException;

/**
 * Classifies a failure that happened outside a job step: invalid settings (REF_BC_006),
 * an unreachable or unusable job repository (REF_BC_007), a failure that already carries
 * its code, or else an unexpected one (REF_BC_009).
 */
final class StartupFailures {

	private StartupFailures() {
	}

	static Failure classify(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof ClonerException) {
				return Failure.of(t, RefBc.ERROR_UNEXPECTED);
			}
			if (t instanceof BindException bind) {
				String setting = (bind.getProperty() != null) ? bind.getProperty().getName().toString()
						: bind.getName() + ".*";
				return new Failure(RefBc.ERROR_CONFIGURATION,
						"invalid setting " + setting + ": " + Failure.of(bind, RefBc.ERROR_CONFIGURATION).cause());
			}
			if (t instanceof IllegalArgumentException) {
				return new Failure(RefBc.ERROR_CONFIGURATION, t.getMessage());
			}
			if (t instanceof DataAccessException || t instanceof SQLException) {
				return new Failure(RefBc.ERROR_JOB_REPOSITORY, "the job repository (spring.datasource.url) cannot "
						+ "be used: " + Failure.of(t, RefBc.ERROR_JOB_REPOSITORY).cause());
			}
		}
		return Failure.of(failure, RefBc.ERROR_UNEXPECTED);
	}

}
