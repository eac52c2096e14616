package com.acalsa.dbcloner;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.acalsa.dbcloner.credentials.Secret;
import com.acalsa.dbcloner.mysql.DatabaseEndpoint;

/**
 * A private MariaDB server started by a test, on a free loopback port with its own data
 * directory, for what one shared server cannot show: a target in another time zone, a
 * source and a target with different {@code max_allowed_packet}. Needs the
 * {@code mariadb-install-db} and {@code mariadbd} programs of the {@code mariadb-server}
 * package; stopped and removed by {@link #close()}.
 */
public final class SecondServer implements AutoCloseable {

	private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");

	private final Process process;

	private final Path directory;

	private final int port;

	private SecondServer(Process process, Path directory, int port) {
		this.process = process;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Starts a server with these extra {@code mariadbd} options, e.g.
	 * {@code --default-time-zone=+05:00}.
	 */
	public static SecondServer start(String... options) throws IOException, InterruptedException {
		if (!Files.isExecutable(MARIADBD)) {
			throw new IllegalStateException("these tests start their own MariaDB server and need " + MARIADBD
					+ " (Debian package mariadb-server)");
		}
		Path directory = Files.createTempDirectory("db-cloner-server");
		Path data = directory.resolve("data");
		run(List.of("chown", "-R", "mysql", directory.toString()));
		run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data, "--user=mysql",
				"--auth-root-authentication-method=normal", "--skip-test-db"));
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(MARIADBD.toString(), "--no-defaults", "--datadir=" + data,
				"--port=" + port, "--bind-address=127.0.0.1", "--socket=" + directory.resolve("sock"), "--user=mysql",
				"--skip-log-bin", "--innodb-buffer-pool-size=64M", "--local-infile=1"));
		command.addAll(List.of(options));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(directory.resolve("server.log").toFile())
			.start();
		SecondServer server = new SecondServer(process, directory, port);
		server.awaitReady();
		return server;
	}

	public DatabaseEndpoint endpoint() {
		return new DatabaseEndpoint(serverUrl(), "root", Secret.empty());
	}

	public String serverUrl() {
		return "jdbc:mysql://127.0.0.1:" + this.port + "/";
	}

	@Override
	public void close() throws IOException, InterruptedException {
		this.process.destroy();
		this.process.waitFor();
		run(List.of("rm", "-rf", this.directory.toString()));
	}

	private void awaitReady() throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline) && this.process.isAlive()) {
			try (Connection connection = endpoint().connect()) {
				return;
			}
			catch (SQLException notYet) {
				Thread.sleep(200);
			}
		}
		throw new IllegalStateException("the MariaDB server in " + this.directory + " did not start; see server.log");
	}

	private static void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
