package com.acalsa.dbcloner.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.acalsa.dbcloner.DbClonerApplication;
import com.acalsa.dbcloner.job.CloneJobConfiguration;
import com.acalsa.dbcloner.history.StopOnSignal;
import com.acalsa.dbcloner.job.Failure;
import com.acalsa.dbcloner.job.RefBc;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The program's command line:
 * {@code db-cloner.jar <command> [--option=value ...] [--property=value ...]}. Starts
 * Spring only for a known command with valid options, runs it, and turns every ending,
 * including a failure before or around the job, into one exit status and, on failure, the
 * {@code REF_BC_0NN NAME: message} line and its cause on standard error. Standard output
 * is left to the commands' own output ({@code history}).
 */
public final class ClonerCommandLine {

	static final String USAGE = """
			Usage: java -jar db-cloner.jar <command> [--option=value ...] [--name=value ...]

			Commands:
			  clone    back up the source, restore it into the clone, compare them (what the CronJob runs);
			           resumes the pair's failed run instead while its backup is younger than cloner.restart.max-age
			  verify   compare an existing clone with the snapshot it was restored from
			  encrypt  --key-id=<KMS key>: encrypt standard input with AWS KMS, print the base64 ciphertext
			           (for cloner.*.password-kms and cloner.*.credentials-kms)
			  restart  resume the latest failed run of the configured source and clone at the step that failed
			           --execution-id=N   resume that execution instead
			  history  list recent runs, newest first
			           --limit=N (20)  --status=FAILED  --since=2026-12-01T00:00  --json  --execution-id=N

			Settings are Spring properties (--cloner.source.url=..., or CLONER_SOURCE_URL=...); see README.
			Add --debug to see stack traces.""";

	/**
	 * Each command pushes its metrics under its own Spring Batch job, unless a
	 * Pushgateway job is configured.
	 */
	private static final String PUSHGATEWAY_JOB = "management.prometheus.metrics.export.pushgateway.job";

	private static final List<String> DEBUG_ARGS = List.of("--logging.exception-conversion-word=%wEx",
			"--logging.level.org.springframework.boot.SpringApplication=info",
			"--logging.level.org.springframework.boot.diagnostics=info");

	private ClonerCommandLine() {
	}

	public static int run(String[] args, PrintStream err) {
		return run(args, System.in, System.out, err);
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		return run(args, System.in, out, err);
	}

	/**
	 * Runs one command.
	 * @param args the command, its options and its {@code --name=value} settings
	 * @param in what {@code encrypt} encrypts
	 * @param out the commands' own output ({@code encrypt}'s ciphertext, {@code history})
	 * @param err where a failure's REF_BC line goes
	 * @return the exit status
	 */
	public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
		if (args.length == 0 || !CommandOptions.OPTIONS.containsKey(args[0])) {
			String given = (args.length == 0) ? "no command given" : "unknown command '" + args[0] + "'";
			return report(
					Outcome.failure(new Failure(RefBc.ERROR_USAGE,
							given + "; use "
									+ String.join(", ", CommandOptions.OPTIONS.keySet().stream().sorted().toList()))),
					err);
		}
		try {
			CommandOptions options = CommandOptions.parse(args[0], Arrays.asList(args).subList(1, args.length));
			return report(
					args[0].equals("encrypt") ? EncryptCommand.run(withDebugLogging(options.springArgs()), in, out)
							: runCommand(args[0], options, out),
					err);
		}
		catch (RuntimeException | Error ex) {
			return report(Outcome.failure(StartupFailures.classify(ex)), err);
		}
	}

	/**
	 * Ends the process with {@code code}. After SIGTERM the JVM is already shutting down
	 * and {@code System.exit} would block for ever, so the process halts with the stopped
	 * run's code instead (see {@link StopOnSignal}).
	 */
	public static void exit(int code) {
		if (StopOnSignal.signalled()) {
			System.out.flush();
			System.err.flush();
			Runtime.getRuntime().halt(code);
		}
		System.exit(code);
	}

	private static Outcome runCommand(String command, CommandOptions options, PrintStream out) {
		SpringApplication application = new SpringApplication(DbClonerApplication.class);
		application.setDefaultProperties(Map.of(PUSHGATEWAY_JOB,
				command.equals("verify") ? CloneJobConfiguration.VERIFY_JOB : CloneJobConfiguration.CLONE_JOB));
		// Boot's hook would close the job repository's pool under a job that SIGTERM is
		// stopping
		application.setRegisterShutdownHook(false);
		try (ConfigurableApplicationContext context = application.run(withDebugLogging(options.springArgs()))) {
			if (command.equals("history")) {
				return context.getBean(HistoryCommand.class).print(options, out);
			}
			JobCommands commands = context.getBean(JobCommands.class);
			return switch (command) {
				case "clone" -> commands.cloneOnce();
				case "verify" -> commands.verify();
				default -> commands.restart(options.executionId());
			};
		}
	}

	/**
	 * {@code --debug} brings back what the default quiets: stack traces and Boot's
	 * start-up failure report.
	 */
	private static String[] withDebugLogging(String[] args) {
		if (!List.of(args).contains("--debug")) {
			return args;
		}
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(DEBUG_ARGS);
		return all.toArray(String[]::new);
	}

	private static int report(Outcome outcome, PrintStream err) {
		if (outcome.failure() != null) {
			err.println(outcome.failure().describe());
			if (outcome.failure().refBc() == RefBc.ERROR_USAGE) {
				err.println();
				err.println(USAGE);
			}
		}
		return outcome.exitCode();
	}

}
