package com.acalsa.dbcloner.history;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloner.shutdown.*}: how a run ends on SIGTERM, what Kubernetes sends before it
 * kills a pod.
 *
 * @param gracePeriod how long the run may take to stop after the signal; keep it below
 * the pod's {@code terminationGracePeriodSeconds} (30 s by default)
 */
@ConfigurationProperties("cloner.shutdown")
public record ShutdownProperties(@DefaultValue("20s") Duration gracePeriod) {

}
