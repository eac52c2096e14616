package com.acalsa.dbcloner.compare;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.RowDigest;
import com.acalsa.dbcloner.mysql.Sessions;
import com.acalsa.dbcloner.mysql.SqlErrors;
import com.acalsa.dbcloner.mysql.TableShape;
import com.acalsa.dbcloner.snapshot.RowFileReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Checks one key range of the clone. The clone's server computes the range's
 * {@link RowDigest}, so rows do not leave it; only when that differs from the digest the
 * backup took inside the snapshot are the range's rows read on both sides, snapshot file
 * beside clone in key order, to name the first differing key and column. Called by
 * several threads at once: it keeps no state, and each call has its own connection.
 */
class ChunkVerifier implements ItemProcessor<ChunkCheck, ChunkVerdict> {

	private static final Logger logger = LoggerFactory.getLogger(ChunkVerifier.class);

	private final CloneEndpoints endpoints;

	ChunkVerifier(CloneEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	public ChunkVerdict process(ChunkCheck check) {
		TableShape table = check.table().shape();
		try (Connection connection = this.endpoints.target().connect()) {
			Sessions.readRawValues(connection);
			if (check.chunk().digest().equals(digest(connection, table, check))) {
				return new ChunkVerdict(check.chunk().rows(), null);
			}
			String difference = firstDifference(connection, table, check);
			if (difference == null) {
				logger.warn("Table `{}` ({}): digests differ but every row is equal; the clone is equal", table.name(),
						check.chunk().range());
			}
			return new ChunkVerdict(check.chunk().rows(), difference);
		}
		catch (SQLException ex) {
			throw new ClonerException(RefBc.ERROR_DB_COMPARISON,
					"cannot read table `" + table.name() + "` of the " + "clone " + this.endpoints.describeClone()
							+ ": " + SqlErrors.describe(ex, this.endpoints.target(), "cloner.target"),
					ex);
		}
		catch (IOException ex) {
			throw new ClonerException(RefBc.ERROR_DB_COMPARISON, "cannot read the snapshot of table `" + table.name()
					+ "` in " + check.backup() + ": " + ex.getMessage(), ex);
		}
	}

	private String digest(Connection connection, TableShape table, ChunkCheck check) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery(RowDigest.sql(this.endpoints.cloneDatabase(), table, check.chunk().range()))) {
			rs.next();
			return rs.getString(1);
		}
	}

	private String firstDifference(Connection connection, TableShape table, ChunkCheck check)
			throws SQLException, IOException {
		try (RowFileReader snapshotRows = new RowFileReader(check.backup().file(check.chunk()));
				Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
						ResultSet.CONCUR_READ_ONLY)) {
			statement.setFetchSize(Integer.MIN_VALUE);
			try (ResultSet cloneRows = statement
				.executeQuery(table.selectRows(this.endpoints.cloneDatabase(), check.chunk().range()))) {
				while (true) {
					byte[][] snapshot = snapshotRows.read();
					byte[][] clone = cloneRows.next() ? row(cloneRows, table.columns().size()) : null;
					if (snapshot == null && clone == null) {
						return null;
					}
					String difference = RowDifferences.describe(table, snapshot, clone);
					if (difference != null) {
						return difference;
					}
				}
			}
		}
	}

	private static byte[][] row(ResultSet rs, int width) throws SQLException {
		byte[][] row = new byte[width][];
		for (int i = 0; i < width; i++) {
			row[i] = rs.getBytes(i + 1);
		}
		return row;
	}

}
