package com.acalsa.dbcloner.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.acalsa.dbcloner.credentials.Secret;
import com.mysql.cj.conf.ConnectionUrl;
import com.mysql.cj.conf.HostInfo;
import com.mysql.cj.jdbc.Driver;

/**
 * Where and as whom to connect: a Connector/J URL, a user and a {@link Secret} password.
 * The password never travels in the URL (a URL that carries one is rejected, because URLs
 * get logged); {@link #describe()} is the form that is safe to log and to store as a job
 * parameter.
 */
public record DatabaseEndpoint(String url, String username, Secret password) {

	/**
	 * Driver settings every connection of the program needs, whatever the user's URL
	 * says: values are read as the bytes the server sends (no TINYINT(1) to boolean or
	 * YEAR to date guessing), and a restore may stream a file with LOAD DATA LOCAL INFILE
	 * (Connector/J refuses it unless allowed here).
	 */
	private static final Map<String, String> DRIVER_PROPERTIES = Map.of("tinyInt1isBit", "false", "yearIsDateType",
			"false", "characterEncoding", "UTF-8", "allowLoadLocalInfile", "true", "useCursorFetch", "false",
			"connectTimeout", "10000", "useSSL", "false", "allowPublicKeyRetrieval", "true", "rewriteBatchedStatements",
			"true");

	private static final Driver DRIVER = newDriver();

	public DatabaseEndpoint {
		if (url == null || !ConnectionUrl.acceptsUrl(url)) {
			throw new IllegalArgumentException("'" + url + "' is not a MySQL JDBC URL (jdbc:mysql://host:3306/db)");
		}
		String lower = url.toLowerCase(Locale.ROOT);
		if (lower.contains("password=") || lower.contains("password1=")) {
			throw new IllegalArgumentException(
					"the JDBC URL carries a password; remove it from the URL and set the password property instead");
		}
		password = (password != null) ? password : Secret.empty();
	}

	public String host() {
		return mainHost().getHost();
	}

	public int port() {
		return mainHost().getPort();
	}

	/** The database the URL names, or an empty string when it names none. */
	public String database() {
		String database = mainHost().getDatabase();
		return (database != null) ? database : "";
	}

	public String server() {
		return host() + ":" + port();
	}

	/**
	 * {@code host:port/database}: what logs, job parameters and messages show. Never a
	 * user or password.
	 */
	public String describe() {
		return database().isEmpty() ? server() : server() + "/" + database();
	}

	/**
	 * The same endpoint without a database in its URL, for work on the server as a whole.
	 */
	public DatabaseEndpoint serverOnly() {
		int hostStart = this.url.indexOf("//") + 2;
		int pathStart = this.url.indexOf('/', hostStart);
		if (pathStart < 0) {
			return this;
		}
		int query = this.url.indexOf('?', pathStart);
		String rest = (query < 0) ? "" : this.url.substring(query);
		return new DatabaseEndpoint(this.url.substring(0, pathStart + 1) + rest, this.username, this.password);
	}

	/** A new connection; the program opens few and keeps none, so it needs no pool. */
	public Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.putAll(DRIVER_PROPERTIES);
		properties.setProperty("user", this.username);
		properties.setProperty("password", this.password.reveal());
		return DRIVER.connect(this.url, properties);
	}

	@Override
	public String toString() {
		return describe();
	}

	private HostInfo mainHost() {
		return ConnectionUrl.getConnectionUrlInstance(this.url, null).getMainHost();
	}

	private static Driver newDriver() {
		try {
			return new Driver();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The MySQL driver cannot be loaded", ex);
		}
	}

}
