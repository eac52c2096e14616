package com.acalsa.dbcloner.mysql;

import java.util.regex.Pattern;

/**
 * A view, routine, trigger or event as {@code SHOW CREATE} gives it, with the session
 * state it was created under (MySQL manual, "SHOW CREATE TRIGGER": a trigger's or
 * routine's {@code sql_mode} and character set are part of it).
 *
 * @param type what kind of object
 * @param name its name
 * @param sqlMode the {@code sql_mode} it was created with (empty for views, which do not
 * record one)
 * @param characterSetClient {@code character_set_client} at creation
 * @param collationConnection {@code collation_connection} at creation
 * @param timeZone the event's time zone (empty for other objects)
 * @param ddl the {@code CREATE} statement
 */
public record SchemaObject(Type type, String name, String sqlMode, String characterSetClient,
		String collationConnection, String timeZone, String ddl) {

	private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z0-9_$]+");

	/**
	 * The kinds of object, in the order a restore creates them: routines before the views
	 * that may call them.
	 */
	public enum Type {

		FUNCTION, PROCEDURE, VIEW, TRIGGER, EVENT

	}

	/**
	 * What must be equal between a snapshot's object and its clone: everything but the
	 * definer and the database.
	 */
	public SchemaObject comparable(String database) {
		return new SchemaObject(this.type, this.name, this.sqlMode, this.characterSetClient, this.collationConnection,
				this.timeZone, Definers.strip(withoutQualifier(this.ddl, database)));
	}

	/**
	 * The DDL with every reference qualified by {@code database} made unqualified, so
	 * that it resolves in whatever database it is replayed in. MariaDB writes a view's
	 * columns as {@code `db`.`table`.`column`} even in the view's own database, and a
	 * trigger or routine keeps the text its author wrote, qualifiers included: replayed
	 * as it is, {@code CREATE TRIGGER `shop`.`t`} would create the trigger in the source,
	 * and a clone's view or routine would read or write the source. In the clone, they
	 * all refer to the clone.
	 */
	public static String withoutQualifier(String ddl, String database) {
		String unquoted = ddl.replace(Identifiers.quote(database) + ".", "");
		if (!PLAIN_IDENTIFIER.matcher(database).matches()) {
			return unquoted;
		}
		return Pattern.compile("(?<![\\w$`.])" + Pattern.quote(database) + "\\.(?=[\\w$`])", Pattern.CASE_INSENSITIVE)
			.matcher(unquoted)
			.replaceAll("");
	}

}
