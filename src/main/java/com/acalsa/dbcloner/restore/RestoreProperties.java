package com.acalsa.dbcloner.restore;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cloner.restore.*}: how objects are recreated in the clone.
 *
 * @param definers {@code rewrite} (default): views, routines, triggers and events are
 * created without their {@code DEFINER}, so the restoring user defines them and no SUPER
 * privilege or source account is needed; {@code keep}: created with the source's definers
 * (needs SET_USER_ID / SET_ANY_DEFINER and the accounts)
 * @param pause a pause before each phase of the restore, zero by default (see
 * {@link RestorePacing})
 */
@ConfigurationProperties("cloner.restore")
public record RestoreProperties(@DefaultValue("rewrite") DefinerPolicy definers, @DefaultValue("0s") Duration pause) {

	/** What happens to each object's DEFINER clause. */
	public enum DefinerPolicy {

		REWRITE, KEEP

	}

}
