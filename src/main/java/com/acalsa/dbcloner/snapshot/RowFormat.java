package com.acalsa.dbcloner.snapshot;

/**
 * The escapes of the row file format, the same as {@code LOAD DATA}'s defaults with
 * {@code ESCAPED BY '\\'} (MySQL manual, "LOAD DATA Statement"): {@code \0 \t \n \r \\}
 * and {@code \N} for NULL.
 */
final class RowFormat {

	static final int FIELD_END = '\t';

	static final int LINE_END = '\n';

	static final int ESCAPE = '\\';

	/**
	 * For each byte value (as {@code b & 0xFF}), the letter that follows the escape, or 0
	 * when the byte is written as it is: NUL, tab, newline, carriage return and backslash
	 * are escaped.
	 */
	static final byte[] ESCAPE_LETTERS = new byte[256];

	static {
		ESCAPE_LETTERS[0] = '0';
		ESCAPE_LETTERS['\t'] = 't';
		ESCAPE_LETTERS['\n'] = 'n';
		ESCAPE_LETTERS['\r'] = 'r';
		ESCAPE_LETTERS['\\'] = '\\';
	}

	private RowFormat() {
	}

	/**
	 * The byte that an escape letter stands for; LOAD DATA takes any other letter as
	 * itself.
	 */
	static int unescape(int letter) {
		return switch (letter) {
			case '0' -> 0;
			case 't' -> '\t';
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 'b' -> '\b';
			case 'Z' -> 26;
			default -> letter;
		};
	}

}
