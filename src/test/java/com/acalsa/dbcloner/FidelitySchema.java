package com.acalsa.dbcloner;

import java.util.ArrayList;
import java.util.List;

/**
 * A schema with every object and data type a clone must keep: each integer size signed
 * and unsigned, DECIMAL(65,30), FLOAT and DOUBLE at their limits, BIT, every text and
 * binary type with hostile bytes, ENUM, SET, JSON, temporal types with fractions,
 * negative and long TIME, zero dates, spatial values with an SRID, generated, invisible
 * and per-column-charset columns, CHECK constraints, comments, partitions, FULLTEXT and
 * spatial indexes, every engine the server has, foreign keys that cycle and point at
 * themselves, tables without a key, views on views, routines, triggers and an event
 * defined by an account the target does not have, and identifiers of every legal shape.
 * SQL that MySQL 8 and MariaDB 10.11 both accept, except where marked.
 */
public final class FidelitySchema {

	private FidelitySchema() {
	}

	public static void create(String db) {
		boolean mariaDb = TestServer.query("SELECT VERSION()").get(0).toLowerCase().contains("mariadb");
		List<String> sql = new ArrayList<>();
		String q = "`" + db + "`.";
		// MariaDB writes an SRID as REF_SYSTEM_ID=n, MySQL 8 as SRID n
		String srid = mariaDb ? "REF_SYSTEM_ID=4326" : "SRID 4326";
		String ghost = "'" + TestServer.uniqueName("ghost") + "'@'%'";
		sql.add("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION', time_zone = '+00:00'");
		sql.add("CREATE USER " + ghost);
		sql.add("GRANT SELECT, INSERT, DELETE ON `" + db + "`.* TO " + ghost);
		sql.add("CREATE TABLE " + q + """
				`all types` (
				  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'the key',
				  ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT,
				  miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, t1 TINYINT(1),
				  dec65 DECIMAL(65,30), f FLOAT, d DOUBLE, b1 BIT(1), b64 BIT(64),
				  c CHAR(10), vc VARCHAR(300), tt TINYTEXT, tx TEXT, mt MEDIUMTEXT, lt LONGTEXT,
				  latin VARCHAR(50) CHARACTER SET latin1 COLLATE latin1_swedish_ci, cs VARCHAR(50) COLLATE utf8mb4_bin,
				  bin BINARY(16), vbin VARBINARY(300), tb TINYBLOB, bl BLOB, mb MEDIUMBLOB, lb LONGBLOB,
				  e ENUM('a','b','ñ'), st SET('x','y','z'), j JSON,
				  dt DATE, tm TIME(6), dtm DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, yr YEAR,
				  g GEOMETRY, pt POINT, ls LINESTRING, pg POLYGON, mpt MULTIPOINT, gc GEOMETRYCOLLECTION,
				  gen_v INT AS (i * 2) VIRTUAL, gen_s VARCHAR(310) AS (CONCAT(vc, '!')) STORED,
				  hidden INT INVISIBLE DEFAULT 7,
				  CONSTRAINT not_12345 CHECK (si IS NULL OR si <> 12345)
				) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='every type'""");
		sql.add("INSERT INTO " + q
				+ """
						`all types` (ti, tiu, si, siu, mi, miu, i, iu, bi, biu, t1, dec65, f, d, b1, b64, c, vc, tt, tx, mt, lt,
						  latin, cs, bin, vbin, tb, bl, mb, lb, e, st, j, dt, tm, dtm, ts, yr, g, pt, ls, pg, mpt, gc, hidden)
						VALUES
						(-128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, -9223372036854775808,
						 18446744073709551615, 5, '-12345678901234567890123456789012345.123456789012345678901234567890',
						 1.0000001, 2.2250738585072014e-308, b'1', b'1111111111111111111111111111111111111111111111111111111111111111',
						 'ñ', 'emoji 😀 \\\\ back\\\\slash "q" ''q'' tab\\t nl\\n', 'a', 'b\\0nul', 'c', REPEAT('long', 1000),
						 _latin1 X'4772FCDF65', 'Case', UNHEX('000102030405060708090A0B0C0D0E0F'), UNHEX('5C0A090D00FF'), '', UNHEX('00'),
						 REPEAT(UNHEX('FF00'), 5000), NULL, 'ñ', 'x,z', '{"k": [1, 2.5, "ü"], "n": null}',
						 '1000-01-01', '-838:59:59.000000', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999', 1901,
						 ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('POINT(-0.5 1e10)'), ST_GeomFromText('LINESTRING(0 0, 1 1, 2 5)'),
						 ST_GeomFromText('POLYGON((0 0, 4 0, 4 4, 0 4, 0 0))'), ST_GeomFromText('MULTIPOINT(1 1, 2 2)'),
						 ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))'), 9),
						(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '0.000000000000000000000000000001', 3.4028e38, 1.7976931348623157e308,
						 b'0', b'0', '', '', '', '', '', '', '', '', UNHEX(REPEAT('00', 16)), '', '', '', '', '', 'a', '', '[]',
						 '0000-00-00', '838:59:59.999999', '0000-00-00 00:00:00', '1970-01-01 00:00:01', 2155,
						 NULL, NULL, NULL, NULL, NULL, NULL, 7),
						(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 16777217, 4.9e-324, NULL, NULL,
						 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
						 '2024-02-29', '100:00:00.5', '2024-02-29 12:00:00.000001', '2024-03-31 01:30:00.5', 0,
						 NULL, NULL, NULL, NULL, NULL, NULL, NULL)""");
		sql.add("DELETE FROM " + q + "`all types` WHERE id = 3");
		sql.add("INSERT INTO " + q + "`all types` (id, f, d) VALUES (10, -0.1, -1e-10)");
		sql.add("CREATE TABLE " + q + "`srid` (id INT PRIMARY KEY, p POINT " + srid + " NOT NULL, SPATIAL INDEX (p)) "
				+ "ENGINE=InnoDB");
		sql.add("INSERT INTO " + q + "`srid` VALUES (1, ST_GeomFromText('POINT(40 -3)', 4326)), "
				+ "(2, ST_GeomFromText('POINT(-33.9 151.2)', 4326))");
		sql.add("CREATE TABLE " + q
				+ "`docs` (id INT PRIMARY KEY, body TEXT, FULLTEXT KEY ft_body (body)) ENGINE=InnoDB");
		sql.add("INSERT INTO " + q + "`docs` VALUES (1, 'the quick brown fox'), (2, 'jumps over the lazy dog')");
		sql.add("CREATE TABLE " + q + "`parts` (id INT NOT NULL, created DATE NOT NULL, v VARCHAR(10), "
				+ "PRIMARY KEY (id, created)) PARTITION BY RANGE (YEAR(created)) (PARTITION p2023 VALUES LESS THAN (2024), "
				+ "PARTITION p2024 VALUES LESS THAN (2025), PARTITION pmax VALUES LESS THAN MAXVALUE)");
		sql.add("INSERT INTO " + q
				+ "`parts` VALUES (1, '2023-05-01', 'a'), (2, '2024-05-01', 'b'), (3, '2030-01-01', 'c')");
		for (String engine : TestServer.query("SELECT ENGINE FROM information_schema.ENGINES WHERE SUPPORT IN "
				+ "('YES', 'DEFAULT') AND ENGINE IN ('InnoDB', 'MyISAM', 'Aria', 'MEMORY', 'ARCHIVE', 'CSV', 'BLACKHOLE')")) {
			String table = q + "`engine_" + engine.toLowerCase() + "`";
			boolean indexless = engine.equals("CSV") || engine.equals("ARCHIVE");
			sql.add("CREATE TABLE " + table + " (id INT NOT NULL" + (indexless ? "" : " PRIMARY KEY")
					+ ", v VARCHAR(20) NOT NULL) ENGINE=" + engine);
			sql.add("INSERT INTO " + table + " VALUES (1, 'one'), (2, 'two')");
		}
		sql.add("CREATE TABLE " + q + "`employee` (id INT PRIMARY KEY, manager_id INT NULL, "
				+ "CONSTRAINT fk_manager FOREIGN KEY (manager_id) REFERENCES `employee` (id)) ENGINE=InnoDB");
		sql.add("INSERT INTO " + q + "`employee` VALUES (1, NULL), (2, 1), (3, 2)");
		sql.add("CREATE TABLE " + q + "`cycle_a` (id INT PRIMARY KEY, b_id INT NULL) ENGINE=InnoDB");
		sql.add("CREATE TABLE " + q + "`cycle_b` (id INT PRIMARY KEY, a_id INT NULL, "
				+ "CONSTRAINT fk_b_a FOREIGN KEY (a_id) REFERENCES `cycle_a` (id)) ENGINE=InnoDB");
		sql.add("ALTER TABLE " + q + "`cycle_a` ADD CONSTRAINT fk_a_b FOREIGN KEY (b_id) REFERENCES `cycle_b` (id)");
		sql.add("INSERT INTO " + q + "`cycle_a` VALUES (1, NULL)");
		sql.add("INSERT INTO " + q + "`cycle_b` VALUES (1, 1)");
		sql.add("UPDATE " + q + "`cycle_a` SET b_id = 1");
		sql.add("CREATE TABLE " + q + "`no key` (a INT NULL, b VARCHAR(10) NULL, c FLOAT NULL) ENGINE=InnoDB");
		sql.add("INSERT INTO " + q
				+ "`no key` VALUES (1, 'x', 0.5), (1, 'x', 0.5), (NULL, NULL, NULL), (2, 'X', 1.0000001), "
				+ "(2, 'x', 1.0000002)");
		sql.add("CREATE TABLE " + q + "`nullable unique` (u INT NULL, v INT, UNIQUE KEY (u)) ENGINE=InnoDB");
		sql.add("INSERT INTO " + q + "`nullable unique` VALUES (NULL, 1), (NULL, 2), (3, 3)");
		sql.add("CREATE TABLE " + q + "`counter` (id INT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=InnoDB");
		sql.add("INSERT INTO " + q + "`counter` (v) VALUES (1), (2), (3), (4)");
		sql.add("DELETE FROM " + q + "`counter` WHERE id > 2");
		sql.add("CREATE TABLE " + q
				+ "`select` (`from` INT PRIMARY KEY, `a b` VARCHAR(5), `ü` INT, `x``y` INT, `d.e` INT)");
		sql.add("INSERT INTO " + q + "`select` VALUES (1, 'sp ce', 2, 3, 4)");
		sql.add("CREATE TABLE " + q + "`weird ``name. ñ` (id INT PRIMARY KEY)");
		sql.add("INSERT INTO " + q + "`weird ``name. ñ` VALUES (42)");
		sql.add("CREATE TABLE " + q + "`audit` (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(100)) ENGINE=InnoDB");
		sql.add("CREATE DEFINER = " + ghost + " SQL SECURITY DEFINER VIEW " + q + "`v_base` AS " + "SELECT id, vc FROM "
				+ q + "`all types` WHERE id < 100");
		sql.add("CREATE VIEW " + q + "`a_view_on_view` AS SELECT id FROM " + q + "`v_base`");
		sql.add("SET SESSION sql_mode = 'ANSI_QUOTES,NO_ENGINE_SUBSTITUTION'");
		sql.add("CREATE DEFINER = " + ghost + " TRIGGER " + q + "`employee_audit` AFTER INSERT ON " + q + "`employee` "
				+ "FOR EACH ROW INSERT INTO \"audit\" (what) VALUES (CONCAT('employee ', NEW.id))");
		sql.add("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
		sql.add("CREATE TRIGGER " + q + "`employee_check` BEFORE INSERT ON " + q + "`employee` FOR EACH ROW "
				+ "SET NEW.manager_id = IF(NEW.manager_id = 0, NULL, NEW.manager_id)");
		sql.add("CREATE DEFINER = " + ghost + " FUNCTION " + q + "`twice`(x INT) RETURNS INT DETERMINISTIC "
				+ "COMMENT 'doubles' RETURN x * 2");
		sql.add("CREATE DEFINER = " + ghost + " PROCEDURE " + q + "`count_employees`(OUT n INT) "
				+ "BEGIN SELECT COUNT(*) INTO n FROM employee; END");
		sql.add("CREATE DEFINER = " + ghost + " EVENT " + q + "`nightly` ON SCHEDULE EVERY 1 DAY "
				+ "STARTS '2037-01-01 00:00:00' DISABLE DO DELETE FROM audit WHERE id < 0");
		if (mariaDb) {
			// the definer no longer exists when the clone is made; MySQL 8.0.22+ refuses
			// to drop a definer account
			sql.add("DROP USER " + ghost);
		}
		try (var connection = TestServer.connect(); var statement = connection.createStatement()) {
			for (String s : sql) {
				statement.execute(s);
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
