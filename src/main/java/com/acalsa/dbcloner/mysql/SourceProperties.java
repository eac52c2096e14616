package com.acalsa.dbcloner.mysql;

import com.acalsa.dbcloner.credentials.Secret;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloner.source.*}: the production database to back up. The URL must name the database.
 *
 * @param url Connector/J URL naming the database, e.g. {@code jdbc:mysql://db.example:3306/app}
 * @param username a user with the read-only privileges listed in the README
 * @param password its password; never logged
 */
@ConfigurationProperties("cloner.source")
public record SourceProperties(@DefaultValue("jdbc:mysql://127.0.0.1:3306/test") String url,
		@DefaultValue("root") String username, Secret password) {

	public DatabaseEndpoint endpoint() {
		DatabaseEndpoint endpoint = new DatabaseEndpoint(this.url, this.username, this.password);
		if (endpoint.database().isEmpty()) {
			throw new IllegalArgumentException("cloner.source.url must name the database to clone, e.g. "
					+ "jdbc:mysql://" + endpoint.server() + "/app");
		}
		return endpoint;
	}

}
