package com.acalsa.dbcloner.mysql;

import com.acalsa.dbcloner.credentials.Credentials;
import com.acalsa.dbcloner.credentials.Secret;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloner.source.*}: the production database to back up. The URL must name the
 * database. The password may instead come encrypted with AWS KMS, as
 * {@code cloner.source.password-kms}, or the whole connection as
 * {@code cloner.source.credentials-kms} (see {@link Credentials}); what they decrypt to
 * wins over these settings.
 *
 * @param url Connector/J URL naming the database, e.g.
 * {@code jdbc:mysql://db.example:3306/app}
 * @param username a user with the read-only privileges listed in the README
 * @param password its password; never logged
 */
@ConfigurationProperties("cloner.source")
public record SourceProperties(@DefaultValue("jdbc:mysql://127.0.0.1:3306/test") String url,
		@DefaultValue("root") String username, Secret password) {

	public DatabaseEndpoint endpoint() {
		return endpoint(Credentials.NONE);
	}

	/**
	 * The source endpoint, with what encrypted settings decrypted to in place of the
	 * plain settings.
	 */
	public DatabaseEndpoint endpoint(Credentials decrypted) {
		Credentials credentials = decrypted.orElse(new Credentials(this.url, this.username, this.password));
		DatabaseEndpoint endpoint = new DatabaseEndpoint(credentials.url(), credentials.username(),
				credentials.password());
		if (endpoint.database().isEmpty()) {
			throw new IllegalArgumentException("cloner.source.url must name the database to clone, e.g. "
					+ "jdbc:mysql://" + endpoint.server() + "/app");
		}
		return endpoint;
	}

}
