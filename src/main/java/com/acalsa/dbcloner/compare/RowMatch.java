package com.acalsa.dbcloner.compare;

/**
 * The verdict on one row of a table: the snapshot's row and the clone's row at the same position in key order are
 * byte for byte the same, or {@code difference} says how they are not.
 *
 * @param table the table's name
 * @param position the row's position in key order, from 1
 * @param difference {@code null} when the rows are equal, otherwise what differs and at which key
 */
record RowMatch(String table, long position, String difference) {

	boolean matches() {
		return this.difference == null;
	}

}
