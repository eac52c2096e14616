package com.acalsa.dbcloner.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.acalsa.dbcloner.TestServer;
import io.kubernetes.client.openapi.models.V1VolumeMount;

/**
 * Turns the environment a rendered CronJob gives its container into one that runs on this
 * machine, changing only what cannot be the same here, and saying which variables it
 * changed:
 * <ul>
 * <li>every MySQL server in a JDBC URL becomes the test server (the local MariaDB),
 * without the URL's parameters ({@code sslMode=REQUIRED}: TLS is off on the local
 * server); the database it names keeps its name plus a {@code _<suffix>}, as does
 * {@code CLONER_TARGET_DATABASE}, so that concurrent test runs never share a
 * database;</li>
 * <li>the users become the test server's user;</li>
 * <li>each {@code *_PASSWORDKMS} (a KMS ciphertext, decrypted in the cluster by the pod's
 * IAM role) becomes the plain password setting of the same connection with the test
 * server's password: this machine has no AWS KMS ({@code CLONER_REPOSITORY_PASSWORDKMS}
 * becomes {@code SPRING_DATASOURCE_PASSWORD});</li>
 * <li>paths on a mounted volume move to the same place under a local directory standing
 * for the volume;</li>
 * <li>the Pushgateway's cluster address becomes a closed local port.</li>
 * </ul>
 * Every other variable passes unchanged.
 */
final class LocalStandIns {

	private static final String PUSHGATEWAY_ADDRESS = "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS";

	private static final Map<String, String> PLAIN_PASSWORDS = Map.of("CLONER_SOURCE_PASSWORDKMS",
			"CLONER_SOURCE_PASSWORD", "CLONER_TARGET_PASSWORDKMS", "CLONER_TARGET_PASSWORD",
			"CLONER_REPOSITORY_PASSWORDKMS", "SPRING_DATASOURCE_PASSWORD");

	private final String suffix;

	private final Path volumes;

	private final List<V1VolumeMount> mounts;

	private final Set<String> changed = new TreeSet<>();

	LocalStandIns(String suffix, Path volumes, List<V1VolumeMount> mounts) {
		this.suffix = suffix;
		this.volumes = volumes;
		this.mounts = mounts;
	}

	Map<String, String> apply(Map<String, String> rendered) {
		Map<String, String> local = new LinkedHashMap<>();
		rendered.forEach((name, value) -> {
			String plain = PLAIN_PASSWORDS.get(name);
			if (plain != null) {
				local.put(plain, TestServer.PASSWORD);
				this.changed.add(name);
				return;
			}
			String standIn = standIn(name, value);
			if (!standIn.equals(value)) {
				this.changed.add(name);
			}
			local.put(name, standIn);
		});
		return local;
	}

	/** The rendered variables this changed or replaced. */
	Set<String> changed() {
		return this.changed;
	}

	String localDatabase(String database) {
		return database + "_" + this.suffix;
	}

	private String standIn(String name, String value) {
		if (value.startsWith("jdbc:mysql://")) {
			String database = URI.create(value.substring("jdbc:".length())).getPath().replaceFirst("^/", "");
			return TestServer.URL + (database.isEmpty() ? "" : localDatabase(database));
		}
		if (name.equals("CLONER_TARGET_DATABASE")) {
			return localDatabase(value);
		}
		if (name.endsWith("_USERNAME")) {
			return TestServer.USER;
		}
		if (name.equals(PUSHGATEWAY_ADDRESS)) {
			return "127.0.0.1:" + closedPort();
		}
		for (V1VolumeMount mount : this.mounts) {
			if (value.startsWith(mount.getMountPath() + "/")) {
				return this.volumes.resolve(mount.getName() + value.substring(mount.getMountPath().length()))
					.toString();
			}
		}
		return value;
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
