package com.acalsa.dbcloner.compare;

/**
 * The outcome of a {@link ChunkCheck}.
 *
 * @param rows the rows the range holds in the snapshot
 * @param difference {@code null} when the clone's range equals the snapshot's, otherwise
 * the first difference, with its table, key and column
 */
record ChunkVerdict(long rows, String difference) {

	boolean matches() {
		return this.difference == null;
	}

}
