package com.acalsa.dbcloner.credentials;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Every encrypted setting of the program, decrypted together, once, when the first
 * connection is about to be set up: {@code cloner.source.password-kms} /
 * {@code credentials-kms}, the same under {@code cloner.target}, and
 * {@code cloner.repository.password-kms} for the job repository. Doing them all at once
 * means a KMS failure on any of them stops the run before any database (job repository
 * included) is touched. A setting given both plain and encrypted is refused: which one
 * wins would be a guess.
 */
public class DecryptedCredentials {

	static final String SOURCE = "cloner.source";

	static final String TARGET = "cloner.target";

	static final String REPOSITORY = "cloner.repository";

	private final Credentials source;

	private final Credentials target;

	private final Credentials repository;

	DecryptedCredentials(Environment environment, KmsCipher kms) {
		Binder binder = Binder.get(environment);
		this.source = decrypt(binder, kms, SOURCE, SOURCE + ".password");
		this.target = decrypt(binder, kms, TARGET, TARGET + ".password");
		this.repository = decrypt(binder, kms, REPOSITORY, "spring.datasource.password");
	}

	public Credentials source() {
		return this.source;
	}

	public Credentials target() {
		return this.target;
	}

	public Credentials repository() {
		return this.repository;
	}

	private static Credentials decrypt(Binder binder, KmsCipher kms, String prefix, String plainPassword) {
		String passwordKms = setting(binder, prefix + ".password-kms");
		String credentialsKms = REPOSITORY.equals(prefix) ? null : setting(binder, prefix + ".credentials-kms");
		String encrypted = (passwordKms != null) ? prefix + ".password-kms" : prefix + ".credentials-kms";
		refuseBoth(passwordKms, credentialsKms, prefix + ".password-kms", prefix + ".credentials-kms");
		refuseBoth(setting(binder, plainPassword), (passwordKms != null) ? passwordKms : credentialsKms, plainPassword,
				encrypted);
		if (passwordKms != null) {
			return new Credentials(null, null, kms.decrypt(encrypted, passwordKms));
		}
		if (credentialsKms != null) {
			return Credentials.fromJson(encrypted, kms.decrypt(encrypted, credentialsKms));
		}
		return Credentials.NONE;
	}

	private static void refuseBoth(String one, String other, String oneName, String otherName) {
		if (one != null && other != null) {
			throw new ClonerException(RefBc.ERROR_CONFIGURATION,
					oneName + " and " + otherName + " are both set; keep only one of them");
		}
	}

	/**
	 * The setting's value, {@code null} when it is not set or empty (an empty password
	 * means "none").
	 */
	private static String setting(Binder binder, String name) {
		String value = binder.bind(name, String.class).orElse(null);
		return (value == null || value.isEmpty()) ? null : value;
	}

}
