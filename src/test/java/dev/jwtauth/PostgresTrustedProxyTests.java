package dev.jwtauth;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The trusted-proxy suite on PostgreSQL, the production database.
 */
class PostgresTrustedProxyTests extends TrustedProxyTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
	}

}
