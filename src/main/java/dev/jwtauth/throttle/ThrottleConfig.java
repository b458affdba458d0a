package dev.jwtauth.throttle;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ThrottleProperties.class, MailLimitProperties.class })
@EnableScheduling
public class ThrottleConfig {

	@Bean
	PasswordThrottle passwordThrottle(JdbcClient jdbc, ThrottleProperties limits) {
		return new PasswordThrottle(jdbc, limits, Clock.systemUTC());
	}

	@Bean
	MailRequestLimit mailRequestLimit(JdbcClient jdbc, PlatformTransactionManager transactions,
			MailLimitProperties limits) {
		return new MailRequestLimit(jdbc, transactions, limits, Clock.systemUTC());
	}

}
