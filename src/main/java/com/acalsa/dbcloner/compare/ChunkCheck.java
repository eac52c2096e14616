package com.acalsa.dbcloner.compare;

import com.acalsa.dbcloner.snapshot.BackupDirectory;
import com.acalsa.dbcloner.snapshot.Manifest;

/**
 * One key range to check: the snapshot's chunk of a table against the same range of the
 * clone.
 *
 * @param backup the backup that holds the snapshot
 * @param table the table
 * @param chunk the range, its row file and its digest
 */
record ChunkCheck(BackupDirectory backup, Manifest.TableEntry table, Manifest.Chunk chunk) {

}
