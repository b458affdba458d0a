package dev.jwtauth.user;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.jwtauth.security.OneTimeSecrets;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RecoveryProperties.class)
class RecoveryConfig {

	/** Reset requests that may wait for their account to be looked up. */
	private static final int QUEUED_RESET_REQUESTS = 200;

	@Bean
	OneTimeSecrets oneTimeSecrets(JdbcClient jdbc) {
		return new OneTimeSecrets(jdbc, Clock.systemUTC());
	}

	@Bean
	RecoveryLinks recoveryLinks(RecoveryProperties properties, Environment environment) {
		return RecoveryLinks.of(properties, environment);
	}

	/**
	 * Where reset requests find their account, after the client has its answer: one
	 * thread, so that a flood of requests queues instead of taking connections from
	 * signins. A plain executor, not a bean of a type Spring Boot looks for, so that it
	 * replaces no executor of Spring's own.
	 */
	@Bean(destroyMethod = "shutdown")
	ResetRequestQueue resetRequestQueue() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("password-reset-");
		threads.setDaemon(true);
		return new ResetRequestQueue(new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(QUEUED_RESET_REQUESTS), threads, new ThreadPoolExecutor.AbortPolicy()));
	}

}
