package dev.jwtauth.django;

import dev.jwtauth.security.LegacyHashFormat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What lets the original Django service's users switch without noticing: their password
 * hashes.
 */
@Configuration(proxyBeanMethods = false)
class DjangoConfig {

	@Bean
	LegacyHashFormat djangoPasswordHashes() {
		return new LegacyHashFormat(DjangoPasswordHashes.ID, new DjangoPasswordHashes());
	}

}
