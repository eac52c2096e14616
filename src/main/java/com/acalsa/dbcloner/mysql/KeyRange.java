package com.acalsa.dbcloner.mysql;

import java.math.BigInteger;

/**
 * A slice of a table by the integer first column of its key:
 * {@code lower <= column < upper}, either end open when {@code null}. A table cut into
 * ranges is backed up, restored and compared range by range, in parallel. Rows with the
 * same first-column value always fall in the same range.
 *
 * @param lower inclusive lower bound, or {@code null} for none
 * @param upper exclusive upper bound, or {@code null} for none
 */
public record KeyRange(BigInteger lower, BigInteger upper) {

	/** The whole table. */
	public static final KeyRange ALL = new KeyRange(null, null);

	public boolean isAll() {
		return this.lower == null && this.upper == null;
	}

	/**
	 * The SQL condition on {@code column}; the bounds are integers, written as literals.
	 */
	public String condition(String column) {
		String quoted = Identifiers.quote(column);
		if (isAll()) {
			return "TRUE";
		}
		if (this.lower == null) {
			return quoted + " < " + this.upper;
		}
		if (this.upper == null) {
			return quoted + " >= " + this.lower;
		}
		return quoted + " >= " + this.lower + " AND " + quoted + " < " + this.upper;
	}

	@Override
	public String toString() {
		return isAll() ? "all rows" : "[" + ((this.lower != null) ? this.lower : "-∞") + ", "
				+ ((this.upper != null) ? this.upper : "∞") + ")";
	}

}
