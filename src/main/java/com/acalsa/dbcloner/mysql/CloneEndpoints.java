package com.acalsa.dbcloner.mysql;

import java.util.Locale;

import com.acalsa.dbcloner.credentials.Credentials;

/**
 * The resolved pair the job works on: the source database and the clone's server and
 * name. Built once at start from {@link SourceProperties} and {@link TargetProperties};
 * an impossible pair (the clone would be the source itself) is refused here, before
 * anything connects.
 *
 * @param source the database to back up
 * @param target the server that receives the clone (no database in its URL)
 * @param cloneDatabase the clone's name on the target server
 */
public record CloneEndpoints(DatabaseEndpoint source, DatabaseEndpoint target, String cloneDatabase) {

	public CloneEndpoints {
		if (cloneDatabase.isEmpty() || cloneDatabase.length() > 64) {
			throw new IllegalArgumentException("cloner.target.database must be 1 to 64 characters long");
		}
		if (sameServer(source, target) && source.database().equalsIgnoreCase(cloneDatabase)) {
			throw new IllegalArgumentException("the clone would be the source itself (" + source.describe()
					+ "); set cloner.target.database to another name or cloner.target.url to another server");
		}
	}

	public static CloneEndpoints of(SourceProperties source, TargetProperties target) {
		return of(source, target, Credentials.NONE, Credentials.NONE);
	}

	/**
	 * The pair, with what the encrypted settings decrypted to ({@link Credentials#NONE}
	 * when there are none) in place of the plain settings.
	 */
	public static CloneEndpoints of(SourceProperties source, TargetProperties target, Credentials decryptedSource,
			Credentials decryptedTarget) {
		DatabaseEndpoint sourceEndpoint = source.endpoint(decryptedSource);
		return new CloneEndpoints(sourceEndpoint, target.serverEndpoint(sourceEndpoint, decryptedTarget),
				target.cloneDatabase(sourceEndpoint));
	}

	/** {@code host:port/clone}: what logs and job parameters show. */
	public String describeClone() {
		return this.target.server() + "/" + this.cloneDatabase;
	}

	private static boolean sameServer(DatabaseEndpoint a, DatabaseEndpoint b) {
		return a.port() == b.port() && canonicalHost(a.host()).equals(canonicalHost(b.host()));
	}

	private static String canonicalHost(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		return (lower.equals("localhost") || lower.equals("::1") || lower.startsWith("127.")) ? "loopback" : lower;
	}

}
