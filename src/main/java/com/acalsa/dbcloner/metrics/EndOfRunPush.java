package com.acalsa.dbcloner.metrics;

import java.time.Duration;

import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager;

/**
 * Boot's Pushgateway manager with the end of the run made dependable. Boot still pushes
 * on its schedule while the run lasts (its failures stay quiet, see
 * {@code application.properties}); at context close this pushes once with the configured
 * operation, {@code PUT} by default, so the group holds exactly the last run. It pushes
 * only if a run was recorded: a process that failed before its job ran must not wipe the
 * last run's figures. A Pushgateway that cannot be reached is logged once, as a warning,
 * and never changes the run's exit status.
 */
class EndOfRunPush extends PrometheusPushGatewayManager {

	private static final Logger logger = LoggerFactory.getLogger(EndOfRunPush.class);

	private final PushGateway pushGateway;

	private final ShutdownOperation operation;

	private final String address;

	private final LastRunGauges gauges;

	EndOfRunPush(PushGateway pushGateway, Duration pushRate, ShutdownOperation operation, String address,
			LastRunGauges gauges) {
		super(pushGateway, pushRate, ShutdownOperation.NONE);
		this.pushGateway = pushGateway;
		this.operation = operation;
		this.address = address;
		this.gauges = gauges;
	}

	@Override
	public void shutdown() {
		super.shutdown();
		if (this.operation == ShutdownOperation.NONE || !this.gauges.hasPublished()) {
			return;
		}
		try {
			switch (this.operation) {
				case PUT -> this.pushGateway.push();
				case POST -> this.pushGateway.pushAdd();
				case DELETE -> this.pushGateway.delete();
				default -> throw new IllegalStateException("unknown operation " + this.operation);
			}
			logger.debug("Run metrics pushed ({}) to the Pushgateway at {}", this.operation, this.address);
		}
		catch (Exception ex) {
			logger.warn(
					"The run's metrics were not pushed to the Pushgateway at {} ({}); the run's outcome stands. "
							+ "Check management.prometheus.metrics.export.pushgateway.address",
					this.address, ex.toString());
		}
	}

}
