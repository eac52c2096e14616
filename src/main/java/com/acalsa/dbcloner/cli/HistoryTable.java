package com.acalsa.dbcloner.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

import com.acalsa.dbcloner.history.RunRecord;

/**
 * The {@code history} command's text: one line per execution (id, start, duration,
 * status, code, failed step, rows per step, backup size, the execution it resumed), or
 * one execution in full with every step and cause.
 */
final class HistoryTable {

	private static final String ROW = "%-6s %-19s %8s %-9s %-10s %-10s %-10s %-8s %s%n";

	private HistoryTable() {
	}

	static void print(List<RunRecord> records, PrintStream out) {
		out.printf(ROW, "ID", "START", "DURATION", "STATUS", "CODE", "FAILED", "BACKUP", "RESTART", "ROWS PER STEP");
		for (RunRecord run : records) {
			out.printf(ROW, run.id(), orDash(run.start()), duration(run.seconds()), run.status(), run.exitCode(),
					orDash(run.failedStep()), bytes(run.backupBytes()),
					(run.restartOf() != null) ? "of " + run.restartOf() : "-", rowsPerStep(run));
		}
	}

	static void printDetail(RunRecord run, PrintStream out) {
		out.printf("Execution %d (%s) of %s -> %s%n", run.id(), run.job(), run.source(), run.target());
		out.printf("  started %s, ended %s, took %s%n", orDash(run.start()), orDash(run.end()),
				duration(run.seconds()));
		out.printf("  status %s, exit %s%n", run.status(), run.exitCode());
		if (run.cause() != null) {
			out.printf("  cause: %s%n", run.cause());
		}
		if (run.restartOf() != null) {
			out.printf("  restart of execution %d%n", run.restartOf());
		}
		if (run.choice() != null) {
			out.printf("  why: %s%n", run.choice());
		}
		out.printf("  backup: %s%n", bytes(run.backupBytes()));
		for (RunRecord.StepRecord step : run.steps()) {
			out.printf("  step %-10s %-9s %-10s %10d rows %8s%n", step.name(), step.status(), step.exitCode(),
					step.rows(), duration(step.seconds()));
			if (step.cause() != null) {
				out.printf("    cause: %s%n", step.cause());
			}
		}
	}

	private static String rowsPerStep(RunRecord run) {
		if (run.steps().isEmpty()) {
			return "-";
		}
		return run.steps().stream().map((step) -> step.name() + "=" + step.rows()).collect(Collectors.joining(" "));
	}

	static String duration(Long seconds) {
		if (seconds == null) {
			return "-";
		}
		return (seconds < 60) ? seconds + "s" : (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s";
	}

	static String bytes(Long bytes) {
		if (bytes == null) {
			return "-";
		}
		if (bytes < 1024 * 1024) {
			return String.format("%.1fK", bytes / 1024.0);
		}
		return String.format("%.1fM", bytes / (1024.0 * 1024));
	}

	private static String orDash(String text) {
		return (text != null) ? text : "-";
	}

}
