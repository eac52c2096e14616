package com.acalsa.dbcloner.credentials;

import java.time.Duration;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Builds the {@link KmsClient}: the SDK's default credential and region chains, the JDK's
 * HTTP client (it logs no request or response body, unlike the Apache clients' wire
 * loggers), and the standard retry strategy, which retries throttling, 5xx and I/O errors
 * with exponential backoff and jitter, and never an access or ciphertext error.
 */
final class KmsClients {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(15);

	private KmsClients() {
	}

	static KmsClient create(KmsProperties properties) {
		KmsClientBuilder builder = KmsClient.builder()
			.httpClientBuilder(
					UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(ATTEMPT_TIMEOUT))
			.overrideConfiguration((override) -> override.apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
				.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
					.toBuilder()
					.maxAttempts(properties.maxAttempts())
					.build()));
		if (properties.endpoint() != null) {
			builder.endpointOverride(properties.endpoint());
		}
		try {
			return builder.build();
		}
		catch (SdkClientException ex) {
			throw new ClonerException(RefBc.ERROR_CONFIGURATION, "no AWS region for KMS: set AWS_REGION (the pod's "
					+ "region) to decrypt the *-kms settings; " + ex.getMessage().lines().findFirst().orElse(""));
		}
	}

}
