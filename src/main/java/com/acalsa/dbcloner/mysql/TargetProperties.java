package com.acalsa.dbcloner.mysql;

import com.acalsa.dbcloner.credentials.Credentials;
import com.acalsa.dbcloner.credentials.Secret;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cloner.target.*}: the server that receives the clone. Every setting left out
 * falls back to the source's: the same server, user and password, and a clone named
 * {@code <source database>_clone}. As for the source, the password or the whole
 * connection may come encrypted ({@code cloner.target.password-kms},
 * {@code cloner.target.credentials-kms}).
 *
 * @param url Connector/J URL of the server; a database in it is ignored
 * @param username a user with the privileges listed in the README
 * @param password its password; never logged
 * @param database the clone's name; the database in {@code url} is not used for it
 */
@ConfigurationProperties("cloner.target")
public record TargetProperties(String url, String username, Secret password, String database) {

	public DatabaseEndpoint serverEndpoint(DatabaseEndpoint source) {
		return serverEndpoint(source, Credentials.NONE);
	}

	/**
	 * The target server, with what encrypted settings decrypted to in place of the plain
	 * settings.
	 */
	public DatabaseEndpoint serverEndpoint(DatabaseEndpoint source, Credentials decrypted) {
		Credentials credentials = decrypted.orElse(new Credentials(this.url, this.username, this.password));
		return new DatabaseEndpoint(orElse(credentials.url(), source.url()),
				orElse(credentials.username(), source.username()),
				(credentials.password() != null) ? credentials.password() : source.password())
			.serverOnly();
	}

	public String cloneDatabase(DatabaseEndpoint source) {
		return orElse(this.database, source.database() + "_clone");
	}

	private static String orElse(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
