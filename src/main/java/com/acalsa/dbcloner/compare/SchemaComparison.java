package com.acalsa.dbcloner.compare;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.mysql.CloneMarker;
import com.acalsa.dbcloner.mysql.SchemaObject;
import com.acalsa.dbcloner.mysql.SchemaObjects;
import com.acalsa.dbcloner.mysql.TableShape;
import com.acalsa.dbcloner.snapshot.Manifest;

/**
 * The clone's schema against the snapshot's, before any row: the same base tables with
 * the same {@code SHOW CREATE TABLE} (columns, indexes, constraints, partitions,
 * AUTO_INCREMENT counter), and the same views, routines, triggers and events with the
 * same text and creation settings, definers and the database's own name aside. The first
 * difference ends the comparison with REF_BC_005.
 */
final class SchemaComparison {

	private SchemaComparison() {
	}

	static void check(Connection connection, Manifest manifest, String clone) throws SQLException {
		Set<String> expected = new TreeSet<>(manifest.tables().stream().map(Manifest.TableEntry::name).toList());
		Set<String> actual = new TreeSet<>(TableShape.baseTables(connection, clone));
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
			if (!entry.ddl().equals(TableShape.showCreateTable(connection, clone, entry.name()))) {
				throw different("the definition of table `" + entry.name() + "` in the clone differs from the "
						+ "snapshot's (SHOW CREATE TABLE)");
			}
		}
		checkObjects(connection, manifest, clone);
	}

	private static void checkObjects(Connection connection, Manifest manifest, String clone) throws SQLException {
		connection.setCatalog(clone);
		Map<String, SchemaObject> expected = byKey(manifest.objects(), manifest.database());
		Map<String, SchemaObject> actual = byKey(SchemaObjects.read(connection, clone), clone);
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

	private static ClonerException different(String message) {
		return new ClonerException(RefBc.ERROR_DB_COMPARISON, message);
	}

}
