package dev.jwtauth;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The fuzz suite on PostgreSQL, the production database, which refuses text that H2
 * stores.
 */
class PostgresRequestFuzzTests extends RequestFuzzTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
	}

}
