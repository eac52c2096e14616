package com.acalsa.dbcloner.compare;

import java.sql.Connection;
import java.sql.SQLException;

import com.acalsa.dbcloner.job.StepRows;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.CloneMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Writes the comparison's verdict into the clone's mark: {@code VERIFIED} when every
 * table and row matched, {@code DIFFERENT} otherwise, so that whoever uses the clone can
 * tell.
 */
class CloneVerdictListener implements StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(CloneVerdictListener.class);

	private final CloneEndpoints endpoints;

	CloneVerdictListener(CloneEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		boolean verified = stepExecution.getStatus() == BatchStatus.COMPLETED;
		try (Connection connection = this.endpoints.target().connect()) {
			if (CloneMarker.read(connection, this.endpoints.cloneDatabase()).isPresent()) {
				CloneMarker.updateStatus(connection, this.endpoints.cloneDatabase(),
						verified ? CloneMarker.Status.VERIFIED : CloneMarker.Status.DIFFERENT);
			}
		}
		catch (SQLException ex) {
			logger.warn("Could not record the verdict in the mark of {}: {}", this.endpoints.describeClone(),
					ex.getMessage());
		}
		if (verified) {
			logger.info("Clone {} verified: {} rows in {} key ranges equal to the snapshot",
					this.endpoints.describeClone(), StepRows.of(stepExecution), stepExecution.getReadCount());
		}
		return null;
	}

}
