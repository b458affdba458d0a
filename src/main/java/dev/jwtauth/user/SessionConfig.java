package dev.jwtauth.user;

import java.time.Clock;

import dev.jwtauth.security.AuthMetrics;
import dev.jwtauth.security.TokenService;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RefreshProperties.class)
class SessionConfig {

	@Bean
	Sessions sessions(JdbcClient jdbc, TransactionOperations transactions, TokenService tokens,
			RefreshProperties properties, ObjectProvider<MeterRegistry> metrics) {
		return new Sessions(jdbc, transactions, tokens, properties, AuthMetrics.registry(metrics), Clock.systemUTC());
	}

}
