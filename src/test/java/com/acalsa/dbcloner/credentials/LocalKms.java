package com.acalsa.dbcloner.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A KMS-compatible endpoint on a loopback port, for the real {@code KmsClient}: the JSON
 * 1.1 protocol ({@code X-Amz-Target: TrentService.Encrypt} /
 * {@code TrentService.Decrypt}) and KMS's error shapes ({@code __type}, HTTP 400). It
 * really encrypts, with AES-GCM under a key of its own per KMS key, and binds the key id
 * and the encryption context into the ciphertext as additional authenticated data, so a
 * wrong key, a wrong context or a flipped bit fails as it does in KMS. It can also
 * throttle the next calls, deny every call, and it records the access key id each call
 * was signed with.
 */
public final class LocalKms implements AutoCloseable {

	public static final String ALIAS = "alias/db-cloner";

	public static final String REGION = "eu-west-1";

	public static final String ACCESS_KEY_ID = "AKIALOCALKMSTEST0001";

	private static final String ARN_PREFIX = "arn:aws:kms:" + REGION + ":111122223333:key/";

	private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/]+)/");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final HttpServer server;

	private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();

	private final Map<String, String> aliases = new ConcurrentHashMap<>();

	private final AtomicInteger throttled = new AtomicInteger();

	private final AtomicBoolean denied = new AtomicBoolean();

	private final AtomicInteger calls = new AtomicInteger();

	private final List<String> accessKeyIds = new CopyOnWriteArrayList<>();

	private LocalKms(HttpServer server) {
		this.server = server;
		server.createContext("/", this::handle);
		server.start();
		createKey(ALIAS);
	}

	public static LocalKms start() {
		try {
			return new LocalKms(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Static AWS credentials and region for the SDK's default chains, as system
	 * properties (the in-process form of {@code AWS_ACCESS_KEY_ID},
	 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION}).
	 */
	public static void useTestCredentials() {
		System.setProperty("aws.accessKeyId", ACCESS_KEY_ID);
		System.setProperty("aws.secretAccessKey", "local-kms-test-secret-access-key");
		System.setProperty("aws.region", REGION);
	}

	public static void clearTestCredentials() {
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
		System.clearProperty("aws.region");
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** A new key under {@code alias}; returns its key id. */
	public String createKey(String alias) {
		try {
			KeyGenerator generator = KeyGenerator.getInstance("AES");
			generator.init(256);
			String keyId = UUID.randomUUID().toString();
			this.keys.put(keyId, generator.generateKey());
			this.aliases.put(alias, keyId);
			return keyId;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The next {@code count} calls are answered with {@code ThrottlingException}. */
	public void throttleNext(int count) {
		this.throttled.set(count);
	}

	/**
	 * Every call is answered with {@code AccessDeniedException} while {@code deny} holds.
	 */
	public void denyAccess(boolean deny) {
		this.denied.set(deny);
	}

	/** How many calls reached the endpoint, throttled and denied ones included. */
	public int calls() {
		return this.calls.get();
	}

	/**
	 * The access key id of every call, in order: which credentials the SDK signed with.
	 */
	public List<String> accessKeyIds() {
		return List.copyOf(this.accessKeyIds);
	}

	/**
	 * What {@code Encrypt} would return, for tests that prepare a ciphertext without
	 * going through the SDK.
	 */
	public String encrypt(String keyIdOrAlias, String plaintext, Map<String, String> context) {
		return Base64.getEncoder()
			.encodeToString(seal(resolve(keyIdOrAlias), plaintext.getBytes(StandardCharsets.UTF_8), context));
	}

	/**
	 * What {@code Decrypt} would return for {@code ciphertext} under {@code context};
	 * fails as KMS would.
	 */
	public String decrypt(String ciphertext, Map<String, String> context) {
		ObjectNode request = JSON.createObjectNode().put("CiphertextBlob", ciphertext);
		context.forEach((name, value) -> request.withObjectProperty("EncryptionContext").put(name, value));
		return new String(Base64.getDecoder().decode(decrypt(request).path("Plaintext").asString()),
				StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.calls.incrementAndGet();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			Matcher accessKey = ACCESS_KEY.matcher((authorization != null) ? authorization : "");
			this.accessKeyIds.add(accessKey.find() ? accessKey.group(1) : "(unsigned)");
			JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
			String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
			try {
				reply(exchange, 200, answer(target, request));
			}
			catch (KmsError error) {
				reply(exchange, 400,
						JSON.createObjectNode().put("__type", error.type).put("message", error.getMessage()));
			}
		}
	}

	private ObjectNode answer(String target, JsonNode request) {
		if (this.throttled.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			throw new KmsError("ThrottlingException", "Rate exceeded");
		}
		if (this.denied.get()) {
			throw new KmsError("AccessDeniedException", "User: arn:aws:sts::111122223333:assumed-role/db-cloner/pod "
					+ "is not authorized to perform: kms:* because no identity-based policy allows it");
		}
		if ("TrentService.Encrypt".equals(target)) {
			String keyId = resolve(request.path("KeyId").asString());
			byte[] blob = seal(keyId, Base64.getDecoder().decode(request.path("Plaintext").asString()),
					context(request));
			return JSON.createObjectNode()
				.put("CiphertextBlob", Base64.getEncoder().encodeToString(blob))
				.put("KeyId", ARN_PREFIX + keyId)
				.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
		}
		if ("TrentService.Decrypt".equals(target)) {
			return decrypt(request);
		}
		throw new KmsError("UnsupportedOperationException", "not supported here: " + target);
	}

	private ObjectNode decrypt(JsonNode request) {
		ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(request.path("CiphertextBlob").asString()));
		String keyId;
		byte[] iv = new byte[12];
		byte[] sealed;
		try {
			byte[] id = new byte[blob.get()];
			blob.get(id);
			keyId = new String(id, StandardCharsets.UTF_8);
			blob.get(iv);
			sealed = new byte[blob.remaining()];
			blob.get(sealed);
		}
		catch (RuntimeException ex) {
			throw new KmsError("InvalidCiphertextException", null);
		}
		if (request.hasNonNull("KeyId") && !resolve(request.get("KeyId").asString()).equals(keyId)) {
			throw new KmsError("IncorrectKeyException",
					"The key ID in the request does not identify a KMS key " + "that can perform this operation.");
		}
		byte[] plaintext = open(keyId, iv, sealed, context(request));
		return JSON.createObjectNode()
			.put("KeyId", ARN_PREFIX + keyId)
			.put("Plaintext", Base64.getEncoder().encodeToString(plaintext))
			.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
	}

	/**
	 * Ciphertext blob: key id length, key id, 12-byte IV, AES-GCM output; the AAD binds
	 * key id and context.
	 */
	private byte[] seal(String keyId, byte[] plaintext, Map<String, String> context) {
		try {
			byte[] iv = new byte[12];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(keyId), new GCMParameterSpec(128, iv));
			cipher.updateAAD(aad(keyId, context));
			byte[] sealed = cipher.doFinal(plaintext);
			byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
			return ByteBuffer.allocate(1 + id.length + iv.length + sealed.length)
				.put((byte) id.length)
				.put(id)
				.put(iv)
				.put(sealed)
				.array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] open(String keyId, byte[] iv, byte[] sealed, Map<String, String> context) {
		SecretKey key = this.keys.get(keyId);
		if (key == null) {
			throw new KmsError("InvalidCiphertextException", null);
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
			cipher.updateAAD(aad(keyId, context));
			return cipher.doFinal(sealed);
		}
		catch (GeneralSecurityException ex) {
			throw new KmsError("InvalidCiphertextException", null);
		}
	}

	private String resolve(String keyIdOrAlias) {
		String id = keyIdOrAlias.startsWith(ARN_PREFIX) ? keyIdOrAlias.substring(ARN_PREFIX.length()) : keyIdOrAlias;
		id = this.aliases.getOrDefault(id, id);
		if (!this.keys.containsKey(id)) {
			throw new KmsError("NotFoundException", "Key '" + keyIdOrAlias + "' does not exist");
		}
		return id;
	}

	private static byte[] aad(String keyId, Map<String, String> context) {
		StringBuilder aad = new StringBuilder(keyId);
		new TreeMap<>(context).forEach((name, value) -> aad.append('\0').append(name).append('=').append(value));
		return aad.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static Map<String, String> context(JsonNode request) {
		Map<String, String> context = new TreeMap<>();
		request.path("EncryptionContext").properties().forEach((e) -> context.put(e.getKey(), e.getValue().asString()));
		return context;
	}

	private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
		exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	/** A KMS error: its {@code __type} and message. */
	private static final class KmsError extends RuntimeException {

		private final String type;

		KmsError(String type, String message) {
			super(message);
			this.type = type;
		}

	}

}
