package com.acalsa.dbcloner.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.acalsa.dbcloner.DbClonerApplication;
import com.acalsa.dbcloner.job.CloneJobConfiguration;
import com.acalsa.dbcloner.job.Failure;
import com.acalsa.dbcloner.job.RefBc;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The program's command line: {@code db-cloner.jar <command> [--property=value ...]}. Starts Spring only for a known
 * command, runs it, and turns every ending, including a failure before or around the job, into one exit status
 * and, on failure, the {@code REF_BC_00N NAME: message} line and its cause on standard error. Standard output is
 * left to the commands' own output.
 */
public final class ClonerCommandLine {

	static final String USAGE = """
			Usage: java -jar db-cloner.jar <command> [--name=value ...]

			Commands:
			  clone    back up the source, restore it into the clone, compare them (what the CronJob runs)
			  verify   compare an existing clone with the snapshot it was restored from
			  encrypt  --key-id=<KMS key>: encrypt standard input with AWS KMS, print the base64 ciphertext
			           (for cloner.*.password-kms and cloner.*.credentials-kms)

			Settings are Spring properties (--cloner.source.url=..., or CLONER_SOURCE_URL=...); see README.
			Add --debug to see stack traces.""";

	private static final List<String> COMMANDS = List.of("clone", "verify", "encrypt");

	/** Each command pushes its metrics under its own Spring Batch job, unless a Pushgateway job is configured. */
	private static final String PUSHGATEWAY_JOB = "management.prometheus.metrics.export.pushgateway.job";

	private static final List<String> DEBUG_ARGS = List.of("--logging.exception-conversion-word=%wEx",
			"--logging.level.org.springframework.boot.SpringApplication=info",
			"--logging.level.org.springframework.boot.diagnostics=info");

	private ClonerCommandLine() {
	}

	public static int run(String[] args, PrintStream err) {
		return run(args, System.in, System.out, err);
	}

	/**
	 * Runs one command.
	 * @param args the command and its {@code --name=value} settings
	 * @param in what {@code encrypt} encrypts
	 * @param out the commands' own output ({@code encrypt}'s ciphertext)
	 * @param err where a failure's REF_BC line goes
	 * @return the exit status
	 */
	public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
		if (args.length == 0 || !COMMANDS.contains(args[0])) {
			String given = (args.length == 0) ? "no command given" : "unknown command '" + args[0] + "'";
			return report(Outcome.failure(new Failure(RefBc.ERROR_USAGE, given + "; use clone, verify or encrypt")),
					err);
		}
		String[] springArgs = withDebugLogging(Arrays.copyOfRange(args, 1, args.length));
		try {
			return report(args[0].equals("encrypt") ? EncryptCommand.run(springArgs, in, out)
					: runJob(args[0], springArgs), err);
		}
		catch (RuntimeException | Error ex) {
			return report(Outcome.failure(StartupFailures.classify(ex)), err);
		}
	}

	private static Outcome runJob(String command, String[] springArgs) {
		SpringApplication application = new SpringApplication(DbClonerApplication.class);
		application.setDefaultProperties(Map.of(PUSHGATEWAY_JOB,
				command.equals("clone") ? CloneJobConfiguration.CLONE_JOB : CloneJobConfiguration.VERIFY_JOB));
		try (ConfigurableApplicationContext context = application.run(springArgs)) {
			JobCommands commands = context.getBean(JobCommands.class);
			return command.equals("clone") ? commands.cloneOnce() : commands.verify();
		}
	}

	/** {@code --debug} brings back what the default quiets: stack traces and Boot's start-up failure report. */
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
