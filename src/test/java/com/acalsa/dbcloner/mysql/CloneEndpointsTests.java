package com.acalsa.dbcloner.mysql;

import com.acalsa.dbcloner.credentials.Credentials;
import com.acalsa.dbcloner.credentials.Secret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Resolving the source and the clone from the settings, and the settings that are
 * refused.
 */
class CloneEndpointsTests {

	private static final TargetProperties NO_TARGET = new TargetProperties(null, null, null, null);

	@Test
	void theCloneDefaultsToTheSourceServerWithCloneSuffix() {
		CloneEndpoints endpoints = CloneEndpoints.of(source("jdbc:mysql://db.example:3307/shop?useSSL=true"),
				NO_TARGET);
		assertThat(endpoints.cloneDatabase()).isEqualTo("shop_clone");
		assertThat(endpoints.target().url()).isEqualTo("jdbc:mysql://db.example:3307/?useSSL=true");
		assertThat(endpoints.target().username()).isEqualTo("reader");
		assertThat(endpoints.describeClone()).isEqualTo("db.example:3307/shop_clone");
	}

	@Test
	void refusesACloneThatWouldBeTheSourceEvenUnderAnotherLoopbackName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CloneEndpoints.of(source("jdbc:mysql://127.0.0.1:3306/shop"),
					new TargetProperties("jdbc:mysql://localhost:3306/", null, null, "SHOP")))
			.withMessageContaining("the clone would be the source itself")
			.withMessageContaining("cloner.target.database");
	}

	@Test
	void sameNameOnAnotherServerIsAllowed() {
		CloneEndpoints endpoints = CloneEndpoints.of(source("jdbc:mysql://prod:3306/shop"),
				new TargetProperties("jdbc:mysql://test:3306/", "admin", Secret.of("x"), "shop"));
		assertThat(endpoints.describeClone()).isEqualTo("test:3306/shop");
	}

	@Test
	void refusesASourceUrlWithoutDatabaseOrWithAPassword() {
		assertThatIllegalArgumentException().isThrownBy(() -> source("jdbc:mysql://prod:3306/").endpoint())
			.withMessageContaining("cloner.source.url must name the database");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> source("jdbc:mysql://prod:3306/shop?password=hunter2").endpoint())
			.withMessageContaining("carries a password")
			.withMessageNotContaining("hunter2");
	}

	@Test
	void describingAnEndpointNeverShowsItsPassword() {
		DatabaseEndpoint endpoint = new DatabaseEndpoint("jdbc:mysql://prod:3306/shop", "reader", Secret.of("hunter2"));
		assertThat(endpoint.toString()).isEqualTo("prod:3306/shop");
		assertThat(endpoint.password().toString()).doesNotContain("hunter2");
	}

	@Test
	void decryptedCredentialsReplaceThePlainSettingsAndTheTargetInheritsThem() {
		// given
		Credentials decryptedSource = new Credentials("jdbc:mysql://prod:3306/shop", "kms-reader", Secret.of("kms"));
		// when
		CloneEndpoints endpoints = CloneEndpoints.of(source("jdbc:mysql://ignored:3306/other"), NO_TARGET,
				decryptedSource, new Credentials(null, null, Secret.of("target-kms")));
		// then
		assertThat(endpoints.source().describe()).isEqualTo("prod:3306/shop");
		assertThat(endpoints.source().username()).isEqualTo("kms-reader");
		assertThat(endpoints.source().password().reveal()).isEqualTo("kms");
		assertThat(endpoints.target().username()).isEqualTo("kms-reader");
		assertThat(endpoints.target().password().reveal()).isEqualTo("target-kms");
		assertThat(endpoints.describeClone()).isEqualTo("prod:3306/shop_clone");
	}

	private static SourceProperties source(String url) {
		return new SourceProperties(url, "reader", Secret.of("secret"));
	}

}
