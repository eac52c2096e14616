package com.acalsa.dbcloner.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An STS-compatible endpoint on a loopback port that answers
 * {@code AssumeRoleWithWebIdentity} (the query protocol: a form POST, an XML answer) with
 * temporary credentials whose access key id is {@link #ACCESS_KEY_ID}, and records each
 * request's form, so a test can tell the SDK's web-identity provider (IRSA) was the one
 * used.
 */
public final class LocalSts implements AutoCloseable {

	public static final String ACCESS_KEY_ID = "ASIALOCALSTSWEBIDENT";

	private static final String RESPONSE = """
			<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
			  <AssumeRoleWithWebIdentityResult>
			    <SubjectFromWebIdentityToken>system:serviceaccount:db:db-cloner</SubjectFromWebIdentityToken>
			    <AssumedRoleUser>
			      <Arn>arn:aws:sts::111122223333:assumed-role/db-cloner/%1$s</Arn>
			      <AssumedRoleId>AROALOCALSTS:%1$s</AssumedRoleId>
			    </AssumedRoleUser>
			    <Credentials>
			      <AccessKeyId>%2$s</AccessKeyId>
			      <SecretAccessKey>local-sts-secret-access-key</SecretAccessKey>
			      <SessionToken>local-sts-session-token</SessionToken>
			      <Expiration>%3$s</Expiration>
			    </Credentials>
			  </AssumeRoleWithWebIdentityResult>
			  <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>
			</AssumeRoleWithWebIdentityResponse>
			""";

	private final HttpServer server;

	private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

	private LocalSts(HttpServer server) {
		this.server = server;
		server.createContext("/", this::handle);
		server.start();
	}

	public static LocalSts start() {
		try {
			return new LocalSts(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** The form of every request received, in order. */
	public List<Map<String, String>> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Map<String, String> form = form(
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			this.requests.add(form);
			byte[] body = String
				.format(RESPONSE, form.get("RoleSessionName"), ACCESS_KEY_ID,
						Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS))
				.getBytes(StandardCharsets.UTF_8);
			boolean known = "AssumeRoleWithWebIdentity".equals(form.get("Action"));
			exchange.getResponseHeaders().set("Content-Type", "text/xml");
			exchange.sendResponseHeaders(known ? 200 : 400, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

}
