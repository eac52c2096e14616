package com.acalsa.dbcloner.credentials;

import javax.sql.DataSource;

import com.acalsa.dbcloner.job.ClonerException;
import com.acalsa.dbcloner.job.RefBc;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Hands the job repository's DataSource the password decrypted from
 * {@code cloner.repository.password-kms}, after Boot has configured it from
 * {@code spring.datasource.*} and before anything opens a connection (Hikari starts its
 * pool on the first {@code getConnection}).
 * <p>
 * Why a {@code BeanPostProcessor} and not an {@code EnvironmentPostProcessor} that would
 * set {@code spring.datasource.password}: the latter must put the plaintext into the
 * {@code Environment} as a {@code String} property, where anything that reads or reports
 * properties can print it (Boot's binding failure report quotes the value of the property
 * it could not bind; an actuator {@code env} endpoint lists them). Here the plaintext
 * goes from a {@link Secret} straight into the pool's configuration, the one place a pool
 * must keep it. It also runs inside the context, with the KMS client a bean like any
 * other, and the failure is classified by the same path as every other start-up failure.
 * Looking up {@link DecryptedCredentials} here decrypts every encrypted setting before
 * the repository is first used, so a KMS failure leaves every database untouched.
 */
class RepositoryPasswordPostProcessor implements BeanPostProcessor, Ordered {

	private final ObjectProvider<DecryptedCredentials> credentials;

	RepositoryPasswordPostProcessor(ObjectProvider<DecryptedCredentials> credentials) {
		this.credentials = credentials;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof DataSource)) {
			return bean;
		}
		Secret password = this.credentials.getObject().repository().password();
		if (password == null) {
			return bean;
		}
		if (!(bean instanceof HikariDataSource hikari)) {
			throw new ClonerException(RefBc.ERROR_CONFIGURATION, "cloner.repository.password-kms needs the Hikari "
					+ "connection pool for the job repository; remove spring.datasource.type");
		}
		hikari.setPassword(password.reveal());
		return bean;
	}

	/**
	 * After Boot's own binding of {@code spring.datasource.hikari.*}, so nothing
	 * overwrites the password.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
