package dev.jwtauth;

import java.util.Base64;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The service refuses to start on a production database without a strong secret of its
 * own: the generated fallback is for the local H2 default only.
 */
@Tag("slow")
class SigningSecretStartupTests {

	@Test
	void startWhenPostgresAndNoSecretThenRefused() {
		assertThatException().isThrownBy(() -> start(TestPostgres.newDatabase(), ""))
			.withStackTraceContaining("JWT_SECRET is not set");
	}

	@Test
	void startWhenSecretShorterThan256BitsThenRefused() {
		String weak = Base64.getEncoder().encodeToString(new byte[16]);

		assertThatException().isThrownBy(() -> start(TestPostgres.newDatabase(), weak))
			.withStackTraceContaining("JWT_SECRET is 128 bits long; at least 256 are required.");
	}

	private static void start(String database, String secret) {
		new SpringApplicationBuilder(JwtAuthApplication.class)
			.run("--server.port=0", "--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
					"--spring.datasource.password=", "--auth.token.secret=" + secret)
			.close();
	}

}
