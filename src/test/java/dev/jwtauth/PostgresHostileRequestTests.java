package dev.jwtauth;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hostile-input suite on PostgreSQL, the production database, which refuses text that
 * H2 stores.
 */
class PostgresHostileRequestTests extends HostileRequestTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
	}

}
