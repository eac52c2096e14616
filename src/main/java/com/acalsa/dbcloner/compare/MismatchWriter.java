package com.acalsa.dbcloner.compare;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.acalsa.dbcloner.job.StepRows;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Ends the comparison at the first range that differs, naming its table, key and column;
 * counts the rows found equal in the step's execution context ({@link StepRows}), since
 * the step's own counts are ranges.
 */
class MismatchWriter implements ItemWriter<ChunkVerdict>, StepExecutionListener {

	private StepExecution stepExecution;

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void write(Chunk<? extends ChunkVerdict> chunk) {
		long rows = 0;
		for (ChunkVerdict verdict : chunk) {
			if (!verdict.matches()) {
				throw new ClonerException(RefBc.ERROR_DB_COMPARISON, verdict.difference());
			}
			rows += verdict.rows();
		}
		this.stepExecution.getExecutionContext()
			.putLong(StepRows.CONTEXT_KEY,
					this.stepExecution.getExecutionContext().getLong(StepRows.CONTEXT_KEY, 0) + rows);
	}

}
