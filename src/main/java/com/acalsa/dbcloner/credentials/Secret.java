package com.acalsa.dbcloner.credentials;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A password held in memory only. It cannot be printed by accident: {@link #toString()}
 * redacts, and it is neither a record nor serializable, so it never ends up in a log
 * line, a job parameter or an execution context.
 */
public final class Secret {

	private static final Secret EMPTY = new Secret(new char[0]);

	private final char[] value;

	private Secret(char[] value) {
		this.value = value;
	}

	/**
	 * Factory used by Spring's conversion service when a property binds to a
	 * {@code Secret}.
	 */
	public static Secret of(String value) {
		return (value == null || value.isEmpty()) ? EMPTY : new Secret(value.toCharArray());
	}

	/**
	 * A secret from UTF-8 bytes, e.g. a KMS plaintext; the bytes are zeroed once decoded.
	 */
	public static Secret ofUtf8(byte[] utf8) {
		CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
		char[] value = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
		Arrays.fill(chars.array(), '\0');
		Arrays.fill(utf8, (byte) 0);
		return (value.length == 0) ? EMPTY : new Secret(value);
	}

	public static Secret empty() {
		return EMPTY;
	}

	public boolean isEmpty() {
		return this.value.length == 0;
	}

	/**
	 * The plain value, for the one place that needs it: the JDBC driver's connection
	 * properties.
	 */
	public String reveal() {
		return new String(this.value);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Secret secret && Arrays.equals(this.value, secret.value);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.value);
	}

	@Override
	public String toString() {
		return "******";
	}

}
