package dev.jwtauth.django;

import dev.jwtauth.TestPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The migration suite on PostgreSQL, the production database.
 */
class PostgresDjangoMigrationTests extends DjangoMigrationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
	}

}
