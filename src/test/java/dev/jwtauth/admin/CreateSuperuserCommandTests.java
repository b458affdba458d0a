package dev.jwtauth.admin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import dev.jwtauth.JwtAuthApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The create-superuser command on its own database, as an operator runs it.
 */
@Tag("slow")
class CreateSuperuserCommandTests {

	private final String database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void runWhenPasswordFromEnvironmentThenSuperuserCreated() throws Exception {
		int exit = run(Map.of("SUPERUSER_PASSWORD", "correct horse"), "", "--username", "Admin", "--email",
				"admin@Example.com");

		assertThat(exit).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("Superuser Admin created.");
		assertThat(row("Admin")).isEqualTo("admin@example.com|true|true|true");
	}

	@Test
	void runWhenPasswordOnStandardInputThenSuperuserCreated() throws Exception {
		int exit = run(Map.of(), "correct horse\n", "--username=root", "--email=root@example.com");

		assertThat(exit).isZero();
		assertThat(row("root")).isEqualTo("root@example.com|true|true|true");
	}

	@Test
	void runWhenUsernameTakenThenRefusedClearly() throws Exception {
		run(Map.of("SUPERUSER_PASSWORD", "correct horse"), "", "--username", "admin", "--email", "a@example.com");

		int exit = run(Map.of("SUPERUSER_PASSWORD", "correct horse"), "", "--username", "ADMIN", "--email",
				"b@example.com");

		assertThat(exit).isOne();
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("username: user with this username already exists.");
	}

	@Test
	void runWhenPasswordWeakOrMissingThenRefused() throws Exception {
		assertThat(run(Map.of("SUPERUSER_PASSWORD", "correct horse"), "", "--username", "root", "--email",
				"root@example.com"))
			.isZero();
		assertThat(run(Map.of("SUPERUSER_PASSWORD", "short"), "", "--username", "admin", "--email", "a@example.com"))
			.isOne();
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("password: Ensure this field has at least 8 characters.");
		assertThat(run(Map.of(), "", "--username", "admin", "--email", "a@example.com")).isOne();
		assertThat(row("admin")).isNull();
	}

	@Test
	void runWhenOptionsMissingThenUsage() throws Exception {
		assertThat(run(Map.of(), "", "--username", "admin")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("usage: create-superuser");
	}

	private int run(Map<String, String> environment, String input, String... args) throws Exception {
		String[] all = new String[args.length + 2];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--spring.profiles.active=test";
		all[args.length + 1] = "--spring.datasource.url=" + this.database;
		CreateSuperuserCommand command = new CreateSuperuserCommand(environment,
				new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
		return command.run(JwtAuthApplication.class, all);
	}

	private String row(String username) throws Exception {
		try (Connection connection = DriverManager.getConnection(this.database, "sa", "");
				ResultSet row = connection.createStatement()
					.executeQuery("select email, is_active, is_staff, is_superuser from users where username = '"
							+ username + "'")) {
			return row.next()
					? row.getString(1) + "|" + row.getBoolean(2) + "|" + row.getBoolean(3) + "|" + row.getBoolean(4)
					: null;
		}
	}

}
