package com.acalsa.dbcloner.credentials;

import java.nio.charset.StandardCharsets;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Reading a decrypted credentials document, and printing credentials without their
 * password.
 */
class CredentialsTests {

	@Test
	void aDocumentMaySetAnyPartAndThePlainSettingsFillTheRest() {
		// given
		Credentials decrypted = Credentials.fromJson("cloner.source.credentials-kms",
				Secret.of("{\"username\": \"reader\", \"password\": \"hunter2\", \"engine\": \"mysql\"}"));
		// when
		Credentials credentials = decrypted
			.orElse(new Credentials("jdbc:mysql://prod:3306/shop", "root", Secret.of("plain")));
		// then
		assertThat(credentials.url()).isEqualTo("jdbc:mysql://prod:3306/shop");
		assertThat(credentials.username()).isEqualTo("reader");
		assertThat(credentials.password().reveal()).isEqualTo("hunter2");
		assertThat(credentials.toString()).doesNotContain("hunter2");
	}

	@Test
	void aDocumentThatIsNotJsonIsRefusedWithoutQuotingIt() {
		// when
		ClonerException failure = catchThrowableOfType(ClonerException.class,
				() -> Credentials.fromJson("cloner.target.credentials-kms", Secret.of("{\"password\": hunter2}")));
		// then
		assertThat(failure.refBc()).isEqualTo(RefBc.ERROR_KMS_CIPHERTEXT);
		assertThat(failure.getMessage()).contains("cloner.target.credentials-kms").doesNotContain("hunter2");
		assertThat(failure.getCause()).isNull();
	}

	@Test
	void aJsonValueWithoutAnyConnectionPartIsRefused() {
		ClonerException failure = catchThrowableOfType(ClonerException.class,
				() -> Credentials.fromJson("cloner.source.credentials-kms", Secret.of("\"hunter2\"")));
		assertThat(failure.refBc()).isEqualTo(RefBc.ERROR_KMS_CIPHERTEXT);
		assertThat(failure.getMessage()).doesNotContain("hunter2");
	}

	@Test
	void aSecretFromUtf8BytesKeepsItsCharactersAndZeroesTheBytes() {
		byte[] bytes = "contraseña".getBytes(StandardCharsets.UTF_8);
		Secret secret = Secret.ofUtf8(bytes);
		assertThat(secret.reveal()).isEqualTo("contraseña");
		assertThat(bytes).containsOnly(0);
		assertThat(secret).hasToString("******");
	}

}
