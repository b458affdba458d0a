package dev.jwtauth.user;

import dev.jwtauth.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Password guess limits on PostgreSQL, the production database.
 */
class PostgresPasswordGuessLimitTests extends PasswordGuessLimitTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
	}

}
