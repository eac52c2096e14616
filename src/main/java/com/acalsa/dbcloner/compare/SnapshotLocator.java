package com.acalsa.dbcloner.compare;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.CloneMarker;
import com.acalsa.dbcloner.mysql.SqlErrors;
import com.acalsa.dbcloner.snapshot.BackupDirectory;

/**
 * Finds the snapshot a clone must equal: the backup of the current run when there is one,
 * otherwise (for {@code verify}) the backup named in the clone's mark.
 */
final class SnapshotLocator {

	private SnapshotLocator() {
	}

	static BackupDirectory locate(String runBackup, CloneEndpoints endpoints) {
		if (runBackup != null) {
			return new BackupDirectory(Path.of(runBackup));
		}
		try (Connection connection = endpoints.target().connect()) {
			CloneMarker.Mark mark = CloneMarker.read(connection, endpoints.cloneDatabase())
				.orElseThrow(() -> new ClonerException(RefBc.ERROR_DB_COMPARISON,
						"database " + endpoints.describeClone() + " is not a clone made by db-cloner (it has no mark); "
								+ "check cloner.target.database, or run clone first"));
			BackupDirectory backup = new BackupDirectory(Path.of(mark.backupDir()));
			if (!backup.isComplete()) {
				throw new ClonerException(RefBc.ERROR_DB_COMPARISON, "the backup " + backup + " that clone "
						+ endpoints.describeClone() + " was restored from is gone; run clone to make a new one");
			}
			return backup;
		}
		catch (SQLException ex) {
			throw new ClonerException(RefBc.ERROR_DB_COMPARISON, "cannot read the clone " + endpoints.describeClone()
					+ ": " + SqlErrors.describe(ex, endpoints.target(), "cloner.target"), ex);
		}
	}

}
