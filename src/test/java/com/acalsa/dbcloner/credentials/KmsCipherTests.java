package com.acalsa.dbcloner.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link KmsCipher} with the real {@code KmsClient} against {@link LocalKms}: round
 * trips, each way a ciphertext is refused, an endpoint that is down, throttling, denied
 * access; and no message quotes a ciphertext or a plaintext.
 */
class KmsCipherTests {

	private static final String SECRET = "s3cret-Pässword";

	private static final Map<String, String> CONTEXT = Map.of("app", "db-cloner", "env", "test");

	private static LocalKms kms;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(KmsConfiguration.class);

	@BeforeAll
	static void startKms() {
		LocalKms.useTestCredentials();
		kms = LocalKms.start();
	}

	@AfterAll
	static void stopKms() {
		kms.close();
		LocalKms.clearTestCredentials();
	}

	@AfterEach
	void reset() {
		kms.throttleNext(0);
		kms.denyAccess(false);
	}

	@Test
	void whatEncryptEncryptsDecryptsBackUnderTheSameContext() {
		withCipher((cipher) -> {
			// given
			String ciphertext = cipher.encrypt(LocalKms.ALIAS, SECRET.getBytes(StandardCharsets.UTF_8));
			// when
			Secret decrypted = cipher.decrypt("cloner.source.password-kms", ciphertext);
			// then
			assertThat(decrypted.reveal()).isEqualTo(SECRET);
			assertThat(ciphertext).doesNotContain(SECRET);
		}, "cloner.kms.key-id=" + LocalKms.ALIAS);
	}

	@Test
	void aCiphertextOfAnotherKeyIsRefusedWhenTheKeyIdIsSet() {
		// given
		String otherKey = kms.createKey("alias/other");
		String ciphertext = kms.encrypt(otherKey, SECRET, CONTEXT);
		// when
		ClonerException failure = decryptFails(ciphertext, "cloner.kms.key-id=" + LocalKms.ALIAS);
		// then
		assertThat(failure.refBc()).isEqualTo(RefBc.ERROR_KMS_DECRYPT);
		assertThat(failure.getMessage()).contains("cloner.source.password-kms", "cloner.kms.key-id",
				"IncorrectKeyException");
		assertNoSecretIn(failure, ciphertext);
	}

	@Test
	void aKeyIdThatDoesNotExistIsRefused() {
		ClonerException failure = decryptFails(kms.encrypt(LocalKms.ALIAS, SECRET, CONTEXT),
				"cloner.kms.key-id=alias/no-such-key");
		assertThat(failure.refBc()).isEqualTo(RefBc.ERROR_KMS_DECRYPT);
		assertThat(failure.getMessage()).contains("NotFoundException");
	}

	@Test
	void aWrongEncryptionContextIsRefused() {
		// given
		String ciphertext = kms.encrypt(LocalKms.ALIAS, SECRET, Map.of("app", "db-cloner", "env", "prod"));
		// when
		ClonerException failure = decryptFails(ciphertext);
		// then
		assertThat(failure.refBc()).isEqualTo(RefBc.ERROR_KMS_DECRYPT);
		assertThat(failure.getMessage()).contains("InvalidCiphertextException", "cloner.kms.encryption-context");
		assertNoSecretIn(failure, ciphertext);
	}

	@Test
	void aGarbledCiphertextIsRefusedByKms() {
		// given
		byte[] blob = Base64.getDecoder().decode(kms.encrypt(LocalKms.ALIAS, SECRET, CONTEXT));
		blob[blob.length - 5] ^= 0x01;
		String garbled = Base64.getEncoder().encodeToString(blob);
		// when
		ClonerException failure = decryptFails(garbled);
		// then
		assertThat(failure.refBc()).isEqualTo(RefBc.ERROR_KMS_DECRYPT);
		assertNoSecretIn(failure, garbled);
	}

	@Test
	void aValueThatIsNotBase64IsRefusedBeforeCallingKms() {
		// given
		int callsBefore = kms.calls();
		// when
		ClonerException failure = decryptFails("not base64: " + SECRET);
		// then
		assertThat(failure.refBc()).isEqualTo(RefBc.ERROR_KMS_CIPHERTEXT);
		assertThat(failure.getMessage()).contains("cloner.source.password-kms").doesNotContain(SECRET);
		assertThat(kms.calls()).isEqualTo(callsBefore);
	}

	@Test
	void anEndpointThatIsDownEndsWithRefBc011AfterTheRetries() {
		// given
		String ciphertext = kms.encrypt(LocalKms.ALIAS, SECRET, CONTEXT);
		LocalKms down = LocalKms.start();
		down.close();
		// when
		ClonerException failure = catchThrowableOfType(ClonerException.class,
				() -> runWith((cipher) -> cipher.decrypt("cloner.target.password-kms", ciphertext),
						"cloner.kms.endpoint=" + down.endpoint(), "cloner.kms.max-attempts=2"));
		// then
		assertThat(failure.refBc()).isEqualTo(RefBc.ERROR_KMS_UNAVAILABLE);
		assertThat(failure.getMessage()).contains("cloner.target.password-kms", "2 attempts");
		assertNoSecretIn(failure, ciphertext);
	}

	@Test
	void throttlingIsRetriedWithBackoffUntilKmsAnswers() {
		// given
		String ciphertext = kms.encrypt(LocalKms.ALIAS, SECRET, CONTEXT);
		kms.throttleNext(2);
		int callsBefore = kms.calls();
		// when
		withCipher((cipher) -> assertThat(cipher.decrypt("cloner.source.password-kms", ciphertext).reveal())
			.isEqualTo(SECRET));
		// then
		assertThat(kms.calls() - callsBefore).isEqualTo(3);
	}

	@Test
	void throttlingThatOutlastsTheRetriesEndsWithRefBc011() {
		kms.throttleNext(10);
		ClonerException failure = decryptFails(kms.encrypt(LocalKms.ALIAS, SECRET, CONTEXT),
				"cloner.kms.max-attempts=2");
		assertThat(failure.refBc()).isEqualTo(RefBc.ERROR_KMS_UNAVAILABLE);
		assertThat(failure.getMessage()).contains("ThrottlingException", "2 attempts");
	}

	@Test
	void deniedAccessIsNotRetriedAndEndsWithRefBc012() {
		// given
		String ciphertext = kms.encrypt(LocalKms.ALIAS, SECRET, CONTEXT);
		kms.denyAccess(true);
		int callsBefore = kms.calls();
		// when
		ClonerException failure = decryptFails(ciphertext);
		// then
		assertThat(failure.refBc()).isEqualTo(RefBc.ERROR_KMS_ACCESS_DENIED);
		assertThat(failure.getMessage()).contains("cloner.source.password-kms", "AccessDeniedException");
		assertThat(kms.calls() - callsBefore).isEqualTo(1);
	}

	@Test
	void encryptingUnderAnUnknownKeyIsRefused() {
		ClonerException failure = catchThrowableOfType(ClonerException.class,
				() -> runWith((cipher) -> cipher.encrypt("alias/no-such-key", SECRET.getBytes())));
		assertThat(failure.refBc()).isEqualTo(RefBc.ERROR_KMS_DECRYPT);
		assertThat(failure.getMessage()).contains("alias/no-such-key", "NotFoundException").doesNotContain(SECRET);
	}

	private ClonerException decryptFails(String ciphertext, String... settings) {
		return catchThrowableOfType(ClonerException.class,
				() -> runWith((cipher) -> cipher.decrypt("cloner.source.password-kms", ciphertext), settings));
	}

	private void withCipher(Consumer<KmsCipher> test, String... settings) {
		runWith((cipher) -> {
			test.accept(cipher);
			return null;
		}, settings);
	}

	/**
	 * Runs {@code call} with a cipher from the real wiring; a failure of the call is
	 * rethrown as it was.
	 */
	private void runWith(Function<KmsCipher, ?> call, String... settings) {
		RuntimeException[] failure = new RuntimeException[1];
		this.contextRunner
			.withPropertyValues("cloner.kms.endpoint=" + kms.endpoint(), "cloner.kms.max-attempts=3",
					"cloner.kms.encryption-context.app=db-cloner", "cloner.kms.encryption-context.env=test")
			.withPropertyValues(settings)
			.run((context) -> {
				try {
					call.apply(context.getBean(KmsCipher.class));
				}
				catch (RuntimeException ex) {
					failure[0] = ex;
				}
			});
		if (failure[0] != null) {
			throw failure[0];
		}
	}

	private static void assertNoSecretIn(ClonerException failure, String ciphertext) {
		assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain(ciphertext);
	}

}
