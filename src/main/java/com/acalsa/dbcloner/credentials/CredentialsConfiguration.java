package com.acalsa.dbcloner.credentials;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The program's connections' encrypted settings: {@link DecryptedCredentials} for the
 * source and target, and the job repository's password given to its DataSource by
 * {@link RepositoryPasswordPostProcessor}.
 */
@Configuration(proxyBeanMethods = false)
@Import(KmsConfiguration.class)
public class CredentialsConfiguration {

	@Bean
	static RepositoryPasswordPostProcessor repositoryPasswordPostProcessor(
			ObjectProvider<DecryptedCredentials> decryptedCredentials) {
		return new RepositoryPasswordPostProcessor(decryptedCredentials);
	}

	@Bean
	DecryptedCredentials decryptedCredentials(Environment environment, KmsCipher kmsCipher) {
		return new DecryptedCredentials(environment, kmsCipher);
	}

}
