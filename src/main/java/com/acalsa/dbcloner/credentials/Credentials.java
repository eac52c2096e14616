package com.acalsa.dbcloner.credentials;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What decrypted settings say about one connection; each part is {@code null} when they
 * do not set it, and the plain setting (or its default) applies. A
 * {@code *.credentials-kms} document sets all three at once: a JSON object {@code {"url":
 * "jdbc:mysql://...", "username": "...", "password": "..."}}, any part optional.
 *
 * @param url the Connector/J URL, or {@code null}
 * @param username the user, or {@code null}
 * @param password the password, or {@code null}
 */
public record Credentials(String url, String username, Secret password) {

	public static final Credentials NONE = new Credentials(null, null, null);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Reads a decrypted credentials document. Parser messages are left out of the
	 * failure: they quote the text around the error, which is the secret itself.
	 */
	static Credentials fromJson(String setting, Secret document) {
		JsonNode root;
		try {
			root = JSON.readTree(document.reveal());
		}
		catch (JacksonException ex) {
			root = null;
		}
		if (root == null || !root.isObject()
				|| !root.hasNonNull("password") && !root.hasNonNull("username") && !root.hasNonNull("url")) {
			throw new ClonerException(RefBc.ERROR_KMS_CIPHERTEXT, setting + " decrypts to something that is not a "
					+ "JSON object with url, username and password; encrypt such a document");
		}
		return new Credentials(text(root, "url"), text(root, "username"),
				root.hasNonNull("password") ? Secret.of(root.get("password").asString()) : null);
	}

	/** These credentials, completed by {@code other} where they say nothing. */
	public Credentials orElse(Credentials other) {
		return new Credentials((this.url != null) ? this.url : other.url,
				(this.username != null) ? this.username : other.username,
				(this.password != null) ? this.password : other.password);
	}

	private static String text(JsonNode root, String field) {
		return root.hasNonNull(field) ? root.get(field).asString() : null;
	}

}
