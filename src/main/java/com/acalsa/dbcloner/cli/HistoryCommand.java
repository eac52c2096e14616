package com.acalsa.dbcloner.cli;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Predicate;

import com.acalsa.dbcloner.history.RunHistory;
import com.acalsa.dbcloner.history.RunRecord;
import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * The {@code history} command: recent executions from the job repository, newest first,
 * as a table or ({@code --json}) a JSON array and nothing else on standard output;
 * {@code --execution-id=N} shows one execution with every step and its failure cause.
 */
@Component
class HistoryCommand {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final RunHistory history;

	HistoryCommand(RunHistory history) {
		this.history = history;
	}

	Outcome print(CommandOptions options, PrintStream out) {
		List<RunRecord> records = options.executionId()
			.map((id) -> List.of(this.history.describe(this.history.find(id)
				.orElseThrow(() -> new ClonerException(RefBc.ERROR_USAGE, "there is no execution " + id)))))
			.orElseGet(() -> this.history.newest(filter(options), options.limit())
				.stream()
				.map(this.history::describe)
				.toList());
		if (options.json()) {
			out.println(JSON.writeValueAsString(records));
		}
		else if (options.executionId().isPresent()) {
			HistoryTable.printDetail(records.get(0), out);
		}
		else {
			HistoryTable.print(records, out);
		}
		out.flush();
		return Outcome.success();
	}

	private static Predicate<JobExecution> filter(CommandOptions options) {
		Predicate<JobExecution> filter = (execution) -> true;
		if (options.status().isPresent()) {
			filter = filter.and((execution) -> execution.getStatus() == options.status().get());
		}
		if (options.since().isPresent()) {
			LocalDateTime since = options.since().get();
			filter = filter.and((execution) -> !execution.getCreateTime().isBefore(since));
		}
		return filter;
	}

}
