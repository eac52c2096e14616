package com.acalsa.dbcloner.mysql;

import java.util.regex.Pattern;

/**
 * Removes the {@code DEFINER=user@host} clause from a
 * {@code CREATE VIEW/TRIGGER/PROCEDURE/FUNCTION/EVENT}. Creating an object for another
 * account needs SUPER, SET_USER_ID or SET_ANY_DEFINER, which RDS does not give, and the
 * account may not exist on the target (MySQL manual, "Stored Object Access Control");
 * without the clause the object is defined by the restoring user, as MySQL Shell's
 * {@code strip_definers} does.
 */
public final class Definers {

	/**
	 * A user or host part: backticked, single-quoted, double-quoted (ANSI_QUOTES) or
	 * bare.
	 */
	private static final String ACCOUNT_PART = "(?:`(?:[^`]|``)*`|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|[^\\s@]+)";

	private static final Pattern DEFINER = Pattern
		.compile("^(\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?" + "(?:ALGORITHM\\s*=\\s*\\w+\\s+)?)DEFINER\\s*=\\s*"
				+ ACCOUNT_PART + "(?:\\s*@\\s*" + ACCOUNT_PART + ")?\\s+", Pattern.CASE_INSENSITIVE);

	private Definers() {
	}

	public static String strip(String ddl) {
		return DEFINER.matcher(ddl).replaceFirst("$1");
	}

}
