package com.acalsa.dbcloner.compare;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Ends the comparison at the first row that differs, naming its table, key and column. */
class MismatchWriter implements ItemWriter<RowMatch> {

	@Override
	public void write(Chunk<? extends RowMatch> chunk) {
		for (RowMatch match : chunk) {
			if (!match.matches()) {
				throw new ClonerException(RefBc.ERROR_DB_COMPARISON, match.difference());
			}
		}
	}

}
