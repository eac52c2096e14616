package com.acalsa.dbcloner.credentials;

import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptRequest;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Encrypts and decrypts secrets with AWS KMS ({@code Encrypt} / {@code Decrypt}), always
 * with the configured encryption context. The client is created on first use only, so a
 * run without encrypted settings needs neither an AWS region nor credentials. Every
 * failure ends as a {@link ClonerException} naming the setting, never its value.
 */
public class KmsCipher {

	private static final Logger logger = LoggerFactory.getLogger(KmsCipher.class);

	private static final Pattern WHITESPACE = Pattern.compile("\\s");

	private final ObjectProvider<KmsClient> client;

	private final KmsProperties properties;

	KmsCipher(ObjectProvider<KmsClient> client, KmsProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	/**
	 * Decrypts the base64 ciphertext held by {@code setting}.
	 * @param setting the property's name, e.g. {@code cloner.source.password-kms}, for
	 * messages
	 * @param ciphertext the base64 ciphertext blob, as {@code encrypt} printed it
	 */
	public Secret decrypt(String setting, String ciphertext) {
		DecryptRequest.Builder request = DecryptRequest.builder()
			.ciphertextBlob(SdkBytes.fromByteArrayUnsafe(decodeBase64(setting, ciphertext)))
			.encryptionContext(this.properties.encryptionContext());
		if (this.properties.keyId() != null && !this.properties.keyId().isBlank()) {
			request.keyId(this.properties.keyId());
		}
		DecryptResponse response = call("decrypt " + setting, () -> kms().decrypt(request.build()));
		logger.info("{} decrypted with KMS key {}", setting, response.keyId());
		return Secret.ofUtf8(response.plaintext().asByteArray());
	}

	/**
	 * Encrypts {@code plaintext} under {@code keyId} and returns the base64 ciphertext
	 * blob.
	 */
	public String encrypt(String keyId, byte[] plaintext) {
		EncryptRequest request = EncryptRequest.builder()
			.keyId(keyId)
			.plaintext(SdkBytes.fromByteArrayUnsafe(plaintext))
			.encryptionContext(this.properties.encryptionContext())
			.build();
		return Base64.getEncoder()
			.encodeToString(call("encrypt with key " + keyId, () -> kms().encrypt(request)).ciphertextBlob()
				.asByteArrayUnsafe());
	}

	private KmsClient kms() {
		return this.client.getObject();
	}

	private <T> T call(String what, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (SdkException ex) {
			throw KmsFailures.classify(what, ex, this.properties.maxAttempts());
		}
	}

	/**
	 * Decodes the setting's base64, line breaks and blanks ignored (a value pasted into a
	 * Kubernetes Secret often ends with a newline). The decoder's own message is left
	 * out: it quotes the offending character.
	 */
	private static byte[] decodeBase64(String setting, String ciphertext) {
		try {
			byte[] blob = Base64.getDecoder().decode(WHITESPACE.matcher(ciphertext).replaceAll(""));
			if (blob.length > 0) {
				return blob;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below, without the decoder's message
		}
		throw new ClonerException(RefBc.ERROR_KMS_CIPHERTEXT,
				setting + " is not a base64 KMS ciphertext; set it " + "to what the encrypt command printed");
	}

}
