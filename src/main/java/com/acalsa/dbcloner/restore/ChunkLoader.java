package com.acalsa.dbcloner.restore;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import com.acalsa.dbcloner.snapshot.Manifest;

/**
 * Loads one key range's row file into its table and returns the rows loaded (the caller
 * checks them against the backup): {@link LoadDataLoader} where the target allows
 * {@code LOAD DATA LOCAL INFILE}, {@link InsertLoader} otherwise.
 */
interface ChunkLoader {

	long load(Connection connection, String database, Manifest.TableEntry table, Manifest.Chunk chunk, Path file)
			throws SQLException, IOException;

}
