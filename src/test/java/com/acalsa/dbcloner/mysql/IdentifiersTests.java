package com.acalsa.dbcloner.mysql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdentifiersTests {

	@Test
	void quotingDoublesEmbeddedBackticks() {
		assertThat(Identifiers.quote("select")).isEqualTo("`select`");
		assertThat(Identifiers.quote("a`b")).isEqualTo("`a``b`");
		assertThat(Identifiers.qualify("my-db", "my table.x")).isEqualTo("`my-db`.`my table.x`");
	}

	@Test
	void anEmptyIdentifierIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Identifiers.quote(""));
	}

}
