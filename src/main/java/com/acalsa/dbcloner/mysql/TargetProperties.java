package com.acalsa.dbcloner.mysql;

import com.acalsa.dbcloner.credentials.Secret;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cloner.target.*}: the server that receives the clone. Every setting left out falls back to the source's:
 * the same server, user and password, and a clone named {@code <source database>_clone}.
 *
 * @param url Connector/J URL of the server; a database in it is ignored
 * @param username a user with the privileges listed in the README
 * @param password its password; never logged
 * @param database the clone's name; the database in {@code url} is not used for it
 */
@ConfigurationProperties("cloner.target")
public record TargetProperties(String url, String username, Secret password, String database) {

	public DatabaseEndpoint serverEndpoint(DatabaseEndpoint source) {
		if (this.url == null || this.url.isBlank()) {
			return new DatabaseEndpoint(source.url(), orElse(this.username, source.username()),
					(this.password != null) ? this.password : source.password())
				.serverOnly();
		}
		return new DatabaseEndpoint(this.url, orElse(this.username, source.username()),
				(this.password != null) ? this.password : source.password())
			.serverOnly();
	}

	public String cloneDatabase(DatabaseEndpoint source) {
		return orElse(this.database, source.database() + "_clone");
	}

	private static String orElse(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
