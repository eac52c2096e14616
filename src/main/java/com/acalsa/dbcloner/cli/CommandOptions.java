package com.acalsa.dbcloner.cli;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;

import org.springframework.batch.core.BatchStatus;

/**
 * A command's own options ({@code --limit=20}, {@code --json}), told apart from Spring
 * properties: the names each command accepts are its options, every other argument goes
 * to Spring. A malformed value is a usage error ({@link RefBc#ERROR_USAGE}), found before
 * anything starts.
 *
 * @param options the command's options by name, a flag's value is {@code "true"}
 * @param springArgs the arguments left for Spring
 */
record CommandOptions(Map<String, String> options, String[] springArgs) {

	/**
	 * {@code encrypt} reads its {@code --key-id} itself, among the Spring arguments (see
	 * {@link EncryptCommand}).
	 */
	static final Map<String, Set<String>> OPTIONS = Map.of("clone", Set.of(), "verify", Set.of(), "encrypt", Set.of(),
			"restart", Set.of("execution-id"), "history", Set.of("limit", "status", "since", "json", "execution-id"));

	static CommandOptions parse(String command, List<String> args) {
		Set<String> accepted = OPTIONS.get(command);
		Map<String, String> options = new LinkedHashMap<>();
		List<String> springArgs = new ArrayList<>();
		for (String arg : args) {
			String name = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : "";
			if (accepted.contains(name)) {
				options.put(name, arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "true");
			}
			else {
				springArgs.add(arg);
			}
		}
		CommandOptions parsed = new CommandOptions(options, springArgs.toArray(String[]::new));
		parsed.validate();
		return parsed;
	}

	Optional<Long> executionId() {
		return value("execution-id").map((id) -> parse("execution-id", id, Long::valueOf));
	}

	int limit() {
		int limit = value("limit").map((n) -> parse("limit", n, Integer::valueOf)).orElse(20);
		if (limit < 1) {
			throw usage("--limit must be a positive number");
		}
		return limit;
	}

	Optional<BatchStatus> status() {
		return value("status").map((status) -> parse("status", status, BatchStatus::valueOf));
	}

	/** {@code --since=2026-12-01T00:00}, or a date alone for its midnight. */
	Optional<LocalDateTime> since() {
		return value("since").map((since) -> parse("since", since,
				(text) -> text.contains("T") ? LocalDateTime.parse(text) : LocalDate.parse(text).atStartOfDay()));
	}

	boolean json() {
		return value("json").map(Boolean::parseBoolean).orElse(false);
	}

	private void validate() {
		executionId();
		limit();
		status();
		since();
	}

	private Optional<String> value(String name) {
		return Optional.ofNullable(this.options.get(name));
	}

	private static <T> T parse(String name, String value, java.util.function.Function<String, T> parser) {
		try {
			return parser.apply(value);
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw usage("invalid value '" + value + "' for --" + name);
		}
	}

	private static ClonerException usage(String message) {
		return new ClonerException(RefBc.ERROR_USAGE, message);
	}

}
