package com.acalsa.dbcloner.compare;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.SqlErrors;
import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Finds the snapshot the clone must equal, checks the clone's schema against it
 * ({@link SchemaComparison}), then hands out the snapshot's key ranges, table after
 * table, one {@link ChunkCheck} each.
 */
class ChunkCheckReader implements ItemStreamReader<ChunkCheck> {

	private final CloneEndpoints endpoints;

	private final String runBackup;

	private Iterator<ChunkCheck> checks;

	/**
	 * @param endpoints the clone to check
	 * @param runBackup the backup of the current run, or {@code null} to use the one
	 * named in the clone's mark
	 */
	ChunkCheckReader(CloneEndpoints endpoints, String runBackup) {
		this.endpoints = endpoints;
		this.runBackup = runBackup;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		BackupDirectory backup = SnapshotLocator.locate(this.runBackup, this.endpoints);
		Manifest manifest = backup.readManifest();
		try (Connection connection = this.endpoints.target().connect()) {
			SchemaComparison.check(connection, manifest, this.endpoints.cloneDatabase());
		}
		catch (SQLException ex) {
			throw new ClonerException(RefBc.ERROR_DB_COMPARISON,
					"cannot read the clone " + this.endpoints.describeClone() + ": "
							+ SqlErrors.describe(ex, this.endpoints.target(), "cloner.target"),
					ex);
		}
		List<ChunkCheck> all = new ArrayList<>();
		for (Manifest.TableEntry table : manifest.tables()) {
			for (Manifest.Chunk chunk : table.chunks()) {
				all.add(new ChunkCheck(backup, table, chunk));
			}
		}
		this.checks = all.iterator();
	}

	@Override
	public ChunkCheck read() {
		return this.checks.hasNext() ? this.checks.next() : null;
	}

}
