package com.acalsa.dbcloner.mysql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeferredIndexesTests {

	private static final String ORDER_LINE = """
			CREATE TABLE `order_line` (
			  `order_id` bigint(20) NOT NULL,
			  `sku` varchar(20) NOT NULL,
			  `note` text DEFAULT NULL,
			  PRIMARY KEY (`order_id`),
			  UNIQUE KEY `uk` (`sku`,`order_id`),
			  KEY `fk_line_product` (`sku`),
			  FULLTEXT KEY `ft` (`note`),
			  CONSTRAINT `fk_line_product` FOREIGN KEY (`sku`) REFERENCES `product` (`sku`),
			  CONSTRAINT `positive` CHECK (`order_id` > 0)
			) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""";

	@Test
	void secondaryIndexesAndForeignKeysComeBackAfterTheLoadInTheirOrder() {
		DeferredIndexes split = DeferredIndexes.split("shop_clone", "order_line", ORDER_LINE);
		assertThat(split.createTable()).isEqualTo("""
				CREATE TABLE `order_line` (
				  `order_id` bigint(20) NOT NULL,
				  `sku` varchar(20) NOT NULL,
				  `note` text DEFAULT NULL,
				  PRIMARY KEY (`order_id`),
				  FULLTEXT KEY `ft` (`note`),
				  CONSTRAINT `positive` CHECK (`order_id` > 0)
				) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""");
		assertThat(split.addIndexes()).contains(
				"ALTER TABLE `shop_clone`.`order_line` ADD UNIQUE KEY `uk` (`sku`,`order_id`), ADD KEY `fk_line_product` (`sku`)");
		assertThat(split.addForeignKeys()).contains("ALTER TABLE `shop_clone`.`order_line` "
				+ "ADD CONSTRAINT `fk_line_product` FOREIGN KEY (`sku`) REFERENCES `product` (`sku`)");
	}

	@Test
	void otherEnginesPartitionedTablesAndTablesWithoutSecondaryIndexesStayAsTheyAre() {
		String myIsam = ORDER_LINE.replace("ENGINE=InnoDB", "ENGINE=MyISAM");
		assertThat(DeferredIndexes.split("c", "t", myIsam))
			.isEqualTo(new DeferredIndexes(myIsam, java.util.Optional.empty(), java.util.Optional.empty()));
		String partitioned = ORDER_LINE + "\n PARTITION BY HASH (`order_id`) PARTITIONS 2";
		assertThat(DeferredIndexes.split("c", "t", partitioned).addIndexes()).isEmpty();
		String plain = "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB";
		assertThat(DeferredIndexes.split("c", "t", plain).createTable()).isEqualTo(plain);
	}

}
