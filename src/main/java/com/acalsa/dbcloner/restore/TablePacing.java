package com.acalsa.dbcloner.restore;

import java.time.Duration;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * An optional pause before each unit of the restore (one table), {@code cloner.restore.pause-per-table}, zero by
 * default. It exists so that tests can kill or stop a real process in the middle of a restore without depending on
 * how fast the server is; it can also spread the load of a restore on a busy target.
 */
class TablePacing implements ChunkListener<Object, Object> {

	private final Duration pause;

	TablePacing(Duration pause) {
		this.pause = pause;
	}

	@Override
	public void beforeChunk(ChunkContext context) {
		if (this.pause.isZero() || this.pause.isNegative()) {
			return;
		}
		try {
			Thread.sleep(this.pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
