package com.acalsa.dbcloner.compare;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.CloneEndpoints;
import com.acalsa.dbcloner.mysql.CloneMarker;
import com.acalsa.dbcloner.mysql.SchemaObject;
import com.acalsa.dbcloner.mysql.SchemaObjects;
import com.acalsa.dbcloner.mysql.Sessions;
import com.acalsa.dbcloner.mysql.SqlErrors;
import com.acalsa.dbcloner.mysql.TableShape;
import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;
import com.acalsa.dbcloner.snapshot.RowFileReader;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams, table after table, the snapshot's rows (from the backup's row files) beside the clone's rows (from the
 * server, in the same key order and rendered the same way as the backup), and hands the step one {@link RowMatch}
 * per row. Before any row, the clone's tables and their {@code SHOW CREATE TABLE} must equal the snapshot's. Only
 * the current row of each side is in memory.
 */
class RowMatchReader implements ItemStreamReader<RowMatch> {

	private final CloneEndpoints endpoints;

	private final String runBackup;

	private BackupDirectory backup;

	private Connection connection;

	private Iterator<Manifest.TableEntry> tables;

	private Manifest.TableEntry table;

	private RowFileReader snapshotRows;

	private Statement cloneStatement;

	private ResultSet cloneRows;

	private long position;

	/**
	 * @param endpoints the clone to read
	 * @param runBackup the backup of the current run, or {@code null} to use the one named in the clone's mark
	 */
	RowMatchReader(CloneEndpoints endpoints, String runBackup) {
		this.endpoints = endpoints;
		this.runBackup = runBackup;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.backup = SnapshotLocator.locate(this.runBackup, this.endpoints);
		try {
			this.connection = this.endpoints.target().connect();
			Sessions.readRawValues(this.connection);
			Manifest manifest = this.backup.readManifest();
			compareSchema(manifest);
			this.tables = manifest.tables().iterator();
		}
		catch (SQLException ex) {
			throw targetFailure(ex);
		}
	}

	@Override
	public RowMatch read() {
		try {
			while (true) {
				if (this.table == null) {
					if (!this.tables.hasNext()) {
						return null;
					}
					startTable(this.tables.next());
				}
				byte[][] snapshot = this.snapshotRows.read();
				byte[][] clone = this.cloneRows.next() ? row(this.cloneRows) : null;
				if (snapshot == null && clone == null) {
					closeTable();
					continue;
				}
				this.position++;
				return new RowMatch(this.table.name(), this.position,
						RowDifferences.describe(this.table, snapshot, clone));
			}
		}
		catch (SQLException ex) {
			throw targetFailure(ex);
		}
		catch (IOException ex) {
			throw new ClonerException(RefBc.ERROR_DB_COMPARISON,
					"cannot read the snapshot of table `" + this.table.name() + "` in " + this.backup, ex);
		}
	}

	@Override
	public void close() {
		try {
			closeTable();
			if (this.connection != null) {
				this.connection.close();
			}
		}
		catch (SQLException ex) {
			throw new ItemStreamException("Closing the comparison's connection failed", ex);
		}
	}

	private void compareSchema(Manifest manifest) throws SQLException {
		String clone = this.endpoints.cloneDatabase();
		Set<String> expected = new TreeSet<>(manifest.tables().stream().map(Manifest.TableEntry::name).toList());
		Set<String> actual = new TreeSet<>(TableShape.baseTables(this.connection, clone));
		actual.remove(CloneMarker.TABLE);
		for (String name : expected) {
			if (!actual.contains(name)) {
				throw different("table `" + name + "` of the snapshot is missing from the clone");
			}
		}
		actual.removeAll(expected);
		if (!actual.isEmpty()) {
			throw different("the clone has table `" + actual.iterator().next() + "` that the snapshot does not");
		}
		for (Manifest.TableEntry entry : manifest.tables()) {
			if (!entry.ddl().equals(TableShape.showCreateTable(this.connection, clone, entry.name()))) {
				throw different("the definition of table `" + entry.name() + "` in the clone differs from the "
						+ "snapshot's (SHOW CREATE TABLE)");
			}
		}
		compareObjects(manifest, clone);
	}

	/** Views, routines, triggers and events: the same set, each with the same text and settings, definers aside. */
	private void compareObjects(Manifest manifest, String clone) throws SQLException {
		this.connection.setCatalog(clone);
		Map<String, SchemaObject> expected = byKey(manifest.objects(), manifest.database());
		Map<String, SchemaObject> actual = byKey(SchemaObjects.read(this.connection, clone), clone);
		for (Map.Entry<String, SchemaObject> entry : expected.entrySet()) {
			SchemaObject cloned = actual.remove(entry.getKey());
			if (cloned == null) {
				throw different(entry.getKey() + " of the snapshot is missing from the clone");
			}
			if (!cloned.equals(entry.getValue())) {
				throw different("the clone's " + entry.getKey() + " differs from the snapshot's (SHOW CREATE "
						+ entry.getValue().type() + ")");
			}
		}
		if (!actual.isEmpty()) {
			throw different("the clone has " + actual.keySet().iterator().next() + " that the snapshot does not");
		}
	}

	private static Map<String, SchemaObject> byKey(List<SchemaObject> objects, String database) {
		Map<String, SchemaObject> byKey = new LinkedHashMap<>();
		for (SchemaObject object : objects) {
			byKey.put(object.type() + " `" + object.name() + "`", object.comparable(database));
		}
		return byKey;
	}

	private void startTable(Manifest.TableEntry entry) throws SQLException, IOException {
		this.table = entry;
		this.position = 0;
		this.snapshotRows = new RowFileReader(this.backup.file(entry));
		TableShape shape = entry.shape();
		this.cloneStatement = this.connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
				ResultSet.CONCUR_READ_ONLY);
		this.cloneStatement.setFetchSize(Integer.MIN_VALUE);
		this.cloneRows = this.cloneStatement.executeQuery(shape.selectRows(this.endpoints.cloneDatabase()));
	}

	private void closeTable() throws SQLException {
		try {
			if (this.snapshotRows != null) {
				this.snapshotRows.close();
			}
		}
		catch (IOException ex) {
			// nothing was written; a failed close of a read-only file loses nothing
		}
		if (this.cloneStatement != null) {
			this.cloneStatement.close();
		}
		this.snapshotRows = null;
		this.cloneStatement = null;
		this.cloneRows = null;
		this.table = null;
	}

	private static byte[][] row(ResultSet rs) throws SQLException {
		byte[][] row = new byte[rs.getMetaData().getColumnCount()][];
		for (int i = 0; i < row.length; i++) {
			row[i] = rs.getBytes(i + 1);
		}
		return row;
	}

	private ClonerException targetFailure(SQLException ex) {
		return new ClonerException(RefBc.ERROR_DB_COMPARISON, "cannot read the clone "
				+ this.endpoints.describeClone() + ": "
				+ SqlErrors.describe(ex, this.endpoints.target(), "cloner.target"), ex);
	}

	private static ClonerException different(String message) {
		return new ClonerException(RefBc.ERROR_DB_COMPARISON, message);
	}

}
