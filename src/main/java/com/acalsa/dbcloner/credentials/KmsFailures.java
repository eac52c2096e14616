package com.acalsa.dbcloner.credentials;

import java.util.Set;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a KMS call's failure into the REF_BC code an operator acts on: KMS unreachable or
 * still throttling after the retries (REF_BC_011), access denied or no AWS credentials
 * (REF_BC_012), a ciphertext KMS refuses, for a wrong key, a wrong encryption context or
 * damage (REF_BC_013). Messages name the setting and the KMS error code, never a
 * ciphertext or a plaintext (KMS's own messages hold neither; only access-denied ones are
 * quoted, for the ARNs).
 */
final class KmsFailures {

	private static final Set<String> ACCESS_DENIED = Set.of("AccessDeniedException", "UnrecognizedClientException",
			"InvalidSignatureException", "IncompleteSignature", "MissingAuthenticationToken", "ExpiredTokenException",
			"InvalidClientTokenId", "SignatureDoesNotMatch");

	private static final Set<String> UNAVAILABLE = Set.of("ThrottlingException", "KMSInternalException",
			"KmsInternalException", "DependencyTimeoutException", "LimitExceededException", "ServiceUnavailable",
			"RequestTimeout");

	private static final Set<String> WRONG_KEY = Set.of("NotFoundException", "DisabledException",
			"KMSInvalidStateException", "KeyUnavailableException", "InvalidKeyUsageException");

	private KmsFailures() {
	}

	/**
	 * @param what what KMS was asked to do, e.g.
	 * {@code decrypt cloner.source.password-kms}
	 * @param failure the SDK's exception, after its retries
	 * @param attempts how many attempts the retry strategy allows
	 */
	static ClonerException classify(String what, SdkException failure, int attempts) {
		if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
			return classifyService(what, service, attempts);
		}
		String reason = firstLine(failure);
		if (reason.contains("credentials")) {
			return new ClonerException(RefBc.ERROR_KMS_ACCESS_DENIED, "cannot " + what + ": no AWS credentials were "
					+ "found (IRSA web identity, Pod Identity or AWS_ACCESS_KEY_ID); " + reason);
		}
		return new ClonerException(RefBc.ERROR_KMS_UNAVAILABLE, "cannot " + what + ": KMS did not answer after "
				+ attempts + " attempts (" + reason + "); check cloner.kms.endpoint, AWS_REGION and the network");
	}

	private static ClonerException classifyService(String what, AwsServiceException failure, int attempts) {
		String code = failure.awsErrorDetails().errorCode();
		int status = failure.statusCode();
		if (ACCESS_DENIED.contains(code) || status == 401 || status == 403) {
			return new ClonerException(RefBc.ERROR_KMS_ACCESS_DENIED,
					"cannot " + what + ": KMS denied access (" + code + ": " + failure.awsErrorDetails().errorMessage()
							+ "); the role needs kms:Decrypt (kms:Encrypt for "
							+ "the encrypt command) on the key, for this encryption context (README, IAM policy)");
		}
		if (UNAVAILABLE.contains(code) || status >= 500) {
			return new ClonerException(RefBc.ERROR_KMS_UNAVAILABLE, "cannot " + what + ": KMS still answered " + code
					+ " after " + attempts + " attempts; try again later or raise cloner.kms.max-attempts");
		}
		if (code.equals("InvalidCiphertextException")) {
			return new ClonerException(RefBc.ERROR_KMS_DECRYPT, "cannot " + what + ": KMS rejected the ciphertext "
					+ "(InvalidCiphertextException): it is damaged, or was encrypted under another key or with another "
					+ "encryption context than cloner.kms.encryption-context.*; encrypt the secret again");
		}
		if (code.equals("IncorrectKeyException")) {
			return new ClonerException(RefBc.ERROR_KMS_DECRYPT, "cannot " + what + ": the ciphertext was encrypted "
					+ "under another key than cloner.kms.key-id (IncorrectKeyException)");
		}
		String hint = WRONG_KEY.contains(code)
				? "the KMS key does not exist here or cannot be used; check the key " + "id and the region"
				: "check the KMS key and the settings";
		return new ClonerException(RefBc.ERROR_KMS_DECRYPT, "cannot " + what + ": KMS answered " + code + "; " + hint);
	}

	private static String firstLine(Throwable failure) {
		String message = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message);
	}

}
