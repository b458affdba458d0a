package dev.jwtauth.user;

import dev.jwtauth.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The end-to-end suite on PostgreSQL, the production database.
 */
class PostgresUserApiTests extends UserApiTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
	}

}
