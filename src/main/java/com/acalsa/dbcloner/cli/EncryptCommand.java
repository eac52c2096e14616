package com.acalsa.dbcloner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.acalsa.dbcloner.credentials.KmsCipher;
import com.acalsa.dbcloner.credentials.KmsConfiguration;
import com.acalsa.dbcloner.job.Failure;
import com.acalsa.dbcloner.job.RefBc;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code encrypt --key-id=<key>}: encrypts the secret read from standard input (never an
 * argument, which {@code ps} shows) with KMS, under the configured encryption context,
 * and prints the base64 ciphertext, and nothing else, on standard output. One trailing
 * line break is dropped ({@code echo} adds one). Only KMS is started: no job, no
 * database.
 */
final class EncryptCommand {

	static final String KEY_ID = "--key-id=";

	/** KMS {@code Encrypt} takes at most 4 KiB of plaintext. */
	private static final int MAX_PLAINTEXT = 4096;

	private EncryptCommand() {
	}

	static Outcome run(String[] args, InputStream in, PrintStream out) {
		String keyId = keyId(args);
		if (keyId == null) {
			return usage("encrypt needs the KMS key: --key-id=<key id, ARN or alias/name>");
		}
		byte[] secret = withoutTrailingLineBreak(readAll(in));
		if (secret.length == 0 || secret.length > MAX_PLAINTEXT) {
			return usage("encrypt reads the secret, 1 to " + MAX_PLAINTEXT + " bytes, from standard input; e.g. "
					+ "printf '%s' \"$PASSWORD\" | java -jar db-cloner.jar encrypt " + KEY_ID + keyId);
		}
		SpringApplication application = new SpringApplication(KmsOnly.class);
		try (ConfigurableApplicationContext context = application.run(springArgs(args))) {
			out.println(context.getBean(KmsCipher.class).encrypt(keyId, secret));
			return Outcome.success();
		}
		finally {
			Arrays.fill(secret, (byte) 0);
		}
	}

	private static String keyId(String[] args) {
		return Arrays.stream(args)
			.filter((arg) -> arg.startsWith(KEY_ID) && arg.length() > KEY_ID.length())
			.map((arg) -> arg.substring(KEY_ID.length()))
			.reduce((first, last) -> last)
			.orElse(null);
	}

	private static String[] springArgs(String[] args) {
		List<String> rest = new ArrayList<>(List.of(args));
		rest.removeIf((arg) -> arg.startsWith(KEY_ID));
		return rest.toArray(String[]::new);
	}

	private static byte[] readAll(InputStream in) {
		try {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("standard input cannot be read", ex);
		}
	}

	private static byte[] withoutTrailingLineBreak(byte[] bytes) {
		int end = bytes.length;
		if (end > 0 && bytes[end - 1] == '\n') {
			end--;
			if (end > 0 && bytes[end - 1] == '\r') {
				end--;
			}
		}
		if (end == bytes.length) {
			return bytes;
		}
		byte[] trimmed = Arrays.copyOf(bytes, end);
		Arrays.fill(bytes, (byte) 0);
		return trimmed;
	}

	private static Outcome usage(String cause) {
		return Outcome.failure(new Failure(RefBc.ERROR_USAGE, cause));
	}

	/** The {@code encrypt} command's whole context: settings, logging and KMS. */
	@Import(KmsConfiguration.class)
	static class KmsOnly {

	}

}
