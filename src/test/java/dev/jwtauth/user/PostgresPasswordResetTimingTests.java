package dev.jwtauth.user;

import dev.jwtauth.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reset timing suite on PostgreSQL, the production database.
 */
class PostgresPasswordResetTimingTests extends PasswordResetTimingTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
	}

}
