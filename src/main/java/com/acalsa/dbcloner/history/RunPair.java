package com.acalsa.dbcloner.history;

import java.time.LocalDateTime;

import com.acalsa.dbcloner.mysql.CloneEndpoints;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What a run works on, as its identifying job parameters record it: the source
 * ({@code host:port/database}) and the clone ({@code host:port/clone}), never a user or a
 * password. Runs of one pair share a lock, a restart policy and a history; a run of
 * another pair is never resumed in their place.
 *
 * @param source {@code host:port/database} of the source
 * @param target {@code host:port/clone} of the clone
 */
public record RunPair(String source, String target) {

	public static final String SOURCE = "source";

	public static final String CLONE = "clone";

	public static final String LAUNCHED = "launched";

	public static RunPair of(CloneEndpoints endpoints) {
		return new RunPair(endpoints.source().describe(), endpoints.describeClone());
	}

	public static RunPair of(JobExecution execution) {
		JobParameters parameters = execution.getJobParameters();
		return new RunPair(parameters.getString(SOURCE), parameters.getString(CLONE));
	}

	/**
	 * The parameters of a new run of this pair: a new job instance each time
	 * (spring-batch issue 4755).
	 */
	public JobParameters newRunParameters() {
		return new JobParametersBuilder().addString(SOURCE, this.source)
			.addString(CLONE, this.target)
			.addLocalDateTime(LAUNCHED, LocalDateTime.now())
			.toJobParameters();
	}

	public boolean owns(JobExecution execution) {
		return equals(of(execution));
	}

	@Override
	public String toString() {
		return this.source + " -> " + this.target;
	}

}
