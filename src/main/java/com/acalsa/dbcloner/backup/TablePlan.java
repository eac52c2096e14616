package com.acalsa.dbcloner.backup;

import java.util.List;

import com.acalsa.dbcloner.mysql.KeyRange;
import com.acalsa.dbcloner.mysql.TableShape;

/**
 * A table and the key ranges it is backed up in.
 *
 * @param shape the table
 * @param ranges its ranges, in key order; together they cover every row
 */
record TablePlan(TableShape shape, List<KeyRange> ranges) {

}
