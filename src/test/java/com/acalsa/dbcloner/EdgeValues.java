package com.acalsa.dbcloner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A table of values that trip naive dump formats: the escape and NULL markers as text,
 * NULL beside the empty string, a BLOB holding every byte value, text ending in a
 * backslash, tabs, newlines, NUL and emoji.
 */
public final class EdgeValues {

	private EdgeValues() {
	}

	public static void create(String database) throws SQLException {
		TestServer.execute("CREATE TABLE `" + database + "`.`edge values` (`id` INT PRIMARY KEY, "
				+ "`select` VARCHAR(50) NULL, `bytes` BLOB NULL) DEFAULT CHARSET=utf8mb4");
		byte[] every = new byte[256];
		for (int i = 0; i < every.length; i++) {
			every[i] = (byte) i;
		}
		String[] texts = { "\\N", "NULL", "", null, "ends with \\", "tab\there", "new\nline\r\n", "nul\0byte",
				"😀 ñ \"q\" 'q'", "N" };
		try (Connection connection = TestServer.connect();
				PreparedStatement insert = connection
					.prepareStatement("INSERT INTO `" + database + "`.`edge values` VALUES (?, ?, ?)")) {
			for (int i = 0; i < texts.length; i++) {
				insert.setInt(1, i + 1);
				insert.setString(2, texts[i]);
				insert.setBytes(3, (i % 2 == 0) ? every : (i == 1) ? new byte[0] : null);
				insert.executeUpdate();
			}
		}
	}

}
