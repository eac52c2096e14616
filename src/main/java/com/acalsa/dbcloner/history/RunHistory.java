package com.acalsa.dbcloner.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.acalsa.dbcloner.job.CloneJobConfiguration;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Reads the record of truth, Spring Batch's job repository, the way the commands need it:
 * the executions of a pair, the newest first, and one execution by id. Instances are read
 * newest first a page at a time, so a long history costs only the pages a question needs.
 */
@Component
public class RunHistory {

	private static final int PAGE = 50;

	private static final List<String> JOBS = List.of(CloneJobConfiguration.CLONE_JOB, CloneJobConfiguration.VERIFY_JOB);

	private final JobRepository jobRepository;

	RunHistory(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	public Optional<JobExecution> find(long executionId) {
		try {
			return Optional.ofNullable(this.jobRepository.getJobExecution(executionId));
		}
		catch (EmptyResultDataAccessException ex) {
			// the JDBC repository of Batch 6.0 throws where its contract says null
			return Optional.empty();
		}
	}

	/**
	 * The executions of {@code cloneJob} for {@code pair}, newest first, at most
	 * {@code limit}.
	 */
	public List<JobExecution> cloneRunsOf(RunPair pair, int limit) {
		return newest(List.of(CloneJobConfiguration.CLONE_JOB), pair::owns, limit);
	}

	/**
	 * Executions of every job, newest first, that pass {@code filter}: at most
	 * {@code limit}.
	 */
	public List<JobExecution> newest(Predicate<JobExecution> filter, int limit) {
		return newest(JOBS, filter, limit);
	}

	/** The executions of {@code pair} the repository still shows as running. */
	public List<JobExecution> running(RunPair pair) {
		return this.jobRepository.findRunningJobExecutions(CloneJobConfiguration.CLONE_JOB)
			.stream()
			.filter(pair::owns)
			.sorted(Comparator.comparing(JobExecution::getId))
			.toList();
	}

	/**
	 * The execution that ran before {@code execution} in the same job instance: what a
	 * restart resumed.
	 */
	public Optional<JobExecution> restartOf(JobExecution execution) {
		return this.jobRepository.getJobExecutions(execution.getJobInstance())
			.stream()
			.filter((other) -> other.getId() < execution.getId())
			.max(Comparator.comparing(JobExecution::getId));
	}

	/** {@code execution} as the history shows it, with the execution it resumed. */
	public RunRecord describe(JobExecution execution) {
		return RunRecord.of(execution, restartOf(execution).map(JobExecution::getId).orElse(null));
	}

	/** The newest execution of the run (job instance) {@code execution} belongs to. */
	public Optional<JobExecution> lastOfItsInstance(JobExecution execution) {
		return Optional.ofNullable(this.jobRepository.getLastJobExecution(execution.getJobInstance()));
	}

	/**
	 * Whether {@code execution} is the newest of its instance: only that one can be
	 * restarted.
	 */
	public boolean isLastOfItsInstance(JobExecution execution) {
		JobExecution last = this.jobRepository.getLastJobExecution(execution.getJobInstance());
		return last != null && last.getId() == execution.getId();
	}

	/**
	 * The latest execution of step {@code stepName} in the run (job instance)
	 * {@code execution} belongs to.
	 */
	public Optional<StepExecution> lastStepOfRun(JobExecution execution, String stepName) {
		return Optional.ofNullable(this.jobRepository.getLastStepExecution(execution.getJobInstance(), stepName));
	}

	private List<JobExecution> newest(List<String> jobNames, Predicate<JobExecution> filter, int limit) {
		List<JobExecution> found = new ArrayList<>();
		for (String jobName : jobNames) {
			found.addAll(newestOfJob(jobName, filter, limit));
		}
		return found.stream().sorted(Comparator.comparing(JobExecution::getId).reversed()).limit(limit).toList();
	}

	private List<JobExecution> newestOfJob(String jobName, Predicate<JobExecution> filter, int limit) {
		List<JobExecution> found = new ArrayList<>();
		for (int start = 0; found.size() < limit; start += PAGE) {
			List<JobInstance> page = this.jobRepository.getJobInstances(jobName, start, PAGE);
			for (JobInstance instance : page) {
				this.jobRepository.getJobExecutions(instance).stream().filter(filter).forEach(found::add);
			}
			if (page.size() < PAGE) {
				break;
			}
		}
		return found;
	}

}
