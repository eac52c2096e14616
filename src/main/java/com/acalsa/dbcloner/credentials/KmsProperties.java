package com.acalsa.dbcloner.credentials;

import java.net.URI;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloner.kms.*}: how encrypted settings are decrypted (and the {@code encrypt}
 * command encrypts) with AWS KMS. Credentials and region come from the AWS SDK's default
 * chains (environment, web identity token for IRSA, EKS Pod Identity's container
 * credentials), never from here.
 *
 * @param endpoint the KMS endpoint, when not the region's public one: a VPC endpoint, or
 * a local endpoint in tests
 * @param keyId the key the ciphertexts must have been encrypted under (ID, ARN or alias);
 * when set, KMS refuses a ciphertext of another key instead of decrypting it with
 * whatever key it names
 * @param encryptionContext the encryption context bound to every ciphertext; the IAM
 * policy can require it
 * @param maxAttempts attempts per KMS call; only throttling and transient errors are
 * retried, with backoff
 */
@ConfigurationProperties("cloner.kms")
public record KmsProperties(URI endpoint, String keyId, Map<String, String> encryptionContext,
		@DefaultValue("5") int maxAttempts) {

	public KmsProperties {
		encryptionContext = (encryptionContext != null) ? Map.copyOf(encryptionContext) : Map.of();
		if (maxAttempts < 1 || maxAttempts > 10) {
			throw new IllegalArgumentException("cloner.kms.max-attempts must be between 1 and 10");
		}
	}

}
