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

	private RowFormat() {
	}

	/**
	 * The letter that follows the escape for byte {@code b}, or -1 when {@code b} is
	 * written as it is.
	 */
	static int escapeOf(byte b) {
		return switch (b) {
			case 0 -> '0';
			case '\t' -> 't';
			case '\n' -> 'n';
			case '\r' -> 'r';
			case '\\' -> '\\';
			default -> -1;
		};
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
