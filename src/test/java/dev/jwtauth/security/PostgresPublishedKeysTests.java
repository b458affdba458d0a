package dev.jwtauth.security;

import dev.jwtauth.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ES256 tokens and their published keys on PostgreSQL, the production database, where the
 * private key must be configured.
 */
class PostgresPublishedKeysTests extends PublishedKeysTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
	}

}
