package dev.jwtauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL server for the tests, started once per test run from the binaries on
 * the test classpath, with a new database for each test class that asks.
 */
public final class TestPostgres {

	private static final AtomicInteger databases = new AtomicInteger();

	private static EmbeddedPostgres server;

	private TestPostgres() {
	}

	/** Points the application under test at a new, empty database. */
	public static void register(DynamicPropertyRegistry registry) {
		String url = newDatabase();
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

	/** The JDBC URL of a new, empty database on the shared server. */
	public static String newDatabase() {
		EmbeddedPostgres postgres = server();
		String name = "test_" + databases.incrementAndGet();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the test database " + name, ex);
		}
		return postgres.getJdbcUrl("postgres", name);
	}

	private static synchronized EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", ex);
			}
		}
		return server;
	}

}
