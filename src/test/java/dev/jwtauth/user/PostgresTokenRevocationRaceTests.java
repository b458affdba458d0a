package dev.jwtauth.user;

import dev.jwtauth.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Revocation races on PostgreSQL, the production database.
 */
class PostgresTokenRevocationRaceTests extends TokenRevocationRaceTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
	}

}
