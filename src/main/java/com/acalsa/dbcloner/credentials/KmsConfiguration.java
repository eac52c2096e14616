package com.acalsa.dbcloner.credentials;

import software.amazon.awssdk.services.kms.KmsClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The KMS client and {@link KmsCipher}: all the {@code encrypt} command needs. The client
 * is lazy: a run without encrypted settings never resolves an AWS region or credentials.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KmsProperties.class)
public class KmsConfiguration {

	@Bean
	@Lazy
	KmsClient kmsClient(KmsProperties properties) {
		return KmsClients.create(properties);
	}

	@Bean
	KmsCipher kmsCipher(ObjectProvider<KmsClient> kmsClient, KmsProperties properties) {
		return new KmsCipher(kmsClient, properties);
	}

}
