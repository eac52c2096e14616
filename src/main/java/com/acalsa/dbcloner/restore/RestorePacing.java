package com.acalsa.dbcloner.restore;

import java.time.Duration;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * An optional pause before each of the restore's phases (tables, rows, indexes, other
 * objects), {@code cloner.restore.pause}, zero by default. It exists so that tests can
 * kill or stop a real process in the middle of a restore without depending on how fast
 * the server is.
 */
class RestorePacing implements ChunkListener<Object, Object> {

	private final Duration pause;

	RestorePacing(Duration pause) {
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
