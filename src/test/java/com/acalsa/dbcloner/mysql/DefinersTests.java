package com.acalsa.dbcloner.mysql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DefinersTests {

	@Test
	void stripsTheDefinerInEveryQuotingStyle() {
		assertThat(Definers
			.strip("CREATE ALGORITHM=UNDEFINED DEFINER=`ro``ot`@`%` SQL SECURITY DEFINER VIEW `v` AS " + "select 1"))
			.isEqualTo("CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `v` AS select 1");
		assertThat(Definers
			.strip("CREATE DEFINER=\"app\"@\"10.0.0.%\" TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET @a=1"))
			.isEqualTo("CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET @a=1");
		assertThat(Definers.strip("CREATE DEFINER='a'@'localhost' PROCEDURE p() SELECT 'DEFINER=`x`@`y`'"))
			.isEqualTo("CREATE PROCEDURE p() SELECT 'DEFINER=`x`@`y`'");
	}

	@Test
	void leavesAStatementWithoutDefinerAlone() {
		assertThat(Definers.strip("CREATE FUNCTION f() RETURNS INT RETURN 1"))
			.isEqualTo("CREATE FUNCTION f() RETURNS INT RETURN 1");
	}

	@Test
	void sourceQualifiersBecomeUnqualifiedSoNothingReachesBackIntoTheSource() {
		assertThat(SchemaObject.withoutQualifier("CREATE TRIGGER `shop`.`t` AFTER INSERT ON `shop`.`x` FOR EACH ROW "
				+ "INSERT INTO shop.log VALUES (1), (myshop.y)", "shop"))
			.isEqualTo("CREATE TRIGGER `t` AFTER INSERT ON `x` FOR EACH ROW INSERT INTO log VALUES (1), (myshop.y)");
		assertThat(SchemaObject.withoutQualifier("select `my-db`.`t`.`c` from `t`", "my-db"))
			.isEqualTo("select `t`.`c` from `t`");
	}

}
