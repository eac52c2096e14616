package com.acalsa.dbcloner.credentials;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.acalsa.dbcloner.DbClonerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IRSA as EKS sets it up: the program started in its own JVM with only
 * {@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN} and {@code AWS_REGION} in its
 * environment (no static keys) resolves the SDK's web-identity provider, which needs the
 * {@code sts} module on the class path: it exchanges the token at STS ({@link LocalSts},
 * through {@code AWS_ENDPOINT_URL_STS}) and signs its KMS calls with the temporary
 * credentials it got back.
 */
class WebIdentityCredentialsTests {

	private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/db-cloner";

	private static final String SECRET = "irsa-secret";

	/**
	 * This JVM's own class path: the program's classes and dependencies, as the packaged
	 * jar holds them.
	 */
	private static final String CLASS_PATH = System.getProperty("java.class.path");

	@Test
	void theDefaultChainResolvesTheWebIdentityProviderFromTheEnvironment(@TempDir Path dir) throws Exception {
		try (LocalKms kms = LocalKms.start(); LocalSts sts = LocalSts.start()) {
			// given
			Path token = Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.service-account-token.sig");
			// when
			Result result = encryptOnEks(dir, token, kms, sts, CLASS_PATH);
			// then
			assertThat(result.exit()).as(result.stderr()).isZero();
			assertThat(sts.requests()).singleElement().satisfies((form) -> {
				assertThat(form).containsEntry("Action", "AssumeRoleWithWebIdentity")
					.containsEntry("RoleArn", ROLE_ARN)
					.containsEntry("WebIdentityToken", Files.readString(token));
			});
			assertThat(kms.accessKeyIds()).containsExactly(LocalSts.ACCESS_KEY_ID);
			assertThat(kms.decrypt(result.stdout().strip(), Map.of("app", "db-cloner"))).isEqualTo(SECRET);
		}
	}

	@Test
	void withoutTheStsModuleTheSameEnvironmentFindsNoCredentials(@TempDir Path dir) throws Exception {
		try (LocalKms kms = LocalKms.start(); LocalSts sts = LocalSts.start()) {
			// given
			Path token = Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.service-account-token.sig");
			String withoutSts = Arrays.stream(CLASS_PATH.split(File.pathSeparator))
				.filter((entry) -> !Path.of(entry).getFileName().toString().startsWith("sts-"))
				.collect(Collectors.joining(File.pathSeparator));
			assertThat(withoutSts).isNotEqualTo(CLASS_PATH);
			// when
			Result result = encryptOnEks(dir, token, kms, sts, withoutSts);
			// then
			assertThat(result.exit()).isEqualTo(12);
			assertThat(result.stderr()).contains("REF_BC_012", "no AWS credentials");
			assertThat(sts.requests()).isEmpty();
			assertThat(kms.calls()).isZero();
		}
	}

	/**
	 * Runs {@code encrypt} in its own JVM with the environment an EKS pod with IRSA has,
	 * and nothing else of AWS (no keys, no shared files, no instance metadata).
	 */
	private static Result encryptOnEks(Path dir, Path token, LocalKms kms, LocalSts sts, String classPath)
			throws IOException, InterruptedException {
		Path stderr = dir.resolve("stderr");
		ProcessBuilder program = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", classPath, DbClonerApplication.class.getName(), "encrypt", "--key-id=" + LocalKms.ALIAS,
				"--cloner.kms.endpoint=" + kms.endpoint(), "--cloner.kms.encryption-context.app=db-cloner")
			.redirectError(stderr.toFile());
		Map<String, String> environment = program.environment();
		environment.keySet().removeIf((name) -> name.startsWith("AWS_"));
		environment.put("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString());
		environment.put("AWS_ROLE_ARN", ROLE_ARN);
		environment.put("AWS_ROLE_SESSION_NAME", "db-cloner-test");
		environment.put("AWS_REGION", LocalKms.REGION);
		environment.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
		environment.put("AWS_EC2_METADATA_DISABLED", "true");
		environment.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
		environment.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
		Process process = program.start();
		process.getOutputStream().write(SECRET.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		return new Result(process.exitValue(), stdout, Files.readString(stderr));
	}

	private record Result(int exit, String stdout, String stderr) {

	}

}
