package com.acalsa.dbcloner.metrics;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server binary from a Debian package (Pushgateway, Prometheus) run by a test on a free
 * loopback port, or a tool (promtool) run to completion. A missing binary fails the test
 * with the package to install: {@code .ci/run} installs them, so a skipped check would
 * hide a broken machine.
 */
final class LocalProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final Path log;

	private LocalProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * The binary on the PATH, or a failure naming the Debian package that provides it.
	 */
	static String binary(String name, String debianPackage) {
		return Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
			.map((dir) -> Path.of(dir, name))
			.filter(Files::isExecutable)
			.findFirst()
			.map(Path::toString)
			.orElseThrow(() -> new AssertionError(
					name + " is not installed: apt-get install " + debianPackage + " (.ci/run installs it)"));
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts {@code command} and waits until {@code ready} answers 200. */
	static LocalProcess start(Path workDir, URI ready, String... command) throws IOException, InterruptedException {
		Path log = workDir.resolve(Path.of(command[0]).getFileName() + ".log");
		Process process = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		LocalProcess started = new LocalProcess(process, log);
		for (int attempt = 0; attempt < 100; attempt++) {
			if (!process.isAlive()) {
				throw new IllegalStateException(command[0] + " exited: " + Files.readString(log));
			}
			if (get(ready).statusCode() == 200) {
				return started;
			}
			Thread.sleep(200);
		}
		started.close();
		throw new IllegalStateException(
				command[0] + " did not become ready at " + ready + ": " + Files.readString(log));
	}

	/** Runs {@code command} to its end: its exit status and its output. */
	static Result run(Path workDir, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		return new Result(process.waitFor(), output);
	}

	static HttpResponse<String> get(URI uri) {
		try {
			return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return new RefusedResponse(uri);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	String log() throws IOException {
		return Files.readString(this.log);
	}

	/**
	 * How a tool run ended.
	 *
	 * @param exitStatus its exit status
	 * @param output its standard output and error
	 */
	record Result(int exitStatus, String output) {
	}

	/** What {@link #get} answers when nothing listens yet: status 0. */
	private record RefusedResponse(URI uri) implements HttpResponse<String> {

		@Override
		public int statusCode() {
			return 0;
		}

		@Override
		public HttpRequest request() {
			return HttpRequest.newBuilder(this.uri).build();
		}

		@Override
		public java.util.Optional<HttpResponse<String>> previousResponse() {
			return java.util.Optional.empty();
		}

		@Override
		public java.net.http.HttpHeaders headers() {
			return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true);
		}

		@Override
		public String body() {
			return "";
		}

		@Override
		public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
			return java.util.Optional.empty();
		}

		@Override
		public URI uri() {
			return this.uri;
		}

		@Override
		public HttpClient.Version version() {
			return HttpClient.Version.HTTP_1_1;
		}

	}

}
