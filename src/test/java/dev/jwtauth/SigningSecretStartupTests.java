package dev.jwtauth;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The service refuses to start on a production database without a strong secret or
 * private key of its own: the generated fallbacks are for the local H2 default only.
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

	@Test
	void startWhenPostgresAndAnAsymmetricAlgorithmWithoutAPrivateKeyThenRefused() {
		String secret = Base64.getEncoder().encodeToString(new byte[32]);

		assertThatException()
			.isThrownBy(() -> start(TestPostgres.newDatabase(), secret, "--auth.token.algorithm=ES256"))
			.withStackTraceContaining("JWT_ALGORITHM is ES256 but neither JWT_PRIVATE_KEY nor JWT_PRIVATE_KEY_FILE");
	}

	private static void start(String database, String secret, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database,
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--auth.token.secret=" + secret));
		arguments.addAll(List.of(more));
		new SpringApplicationBuilder(JwtAuthApplication.class).run(arguments.toArray(String[]::new)).close();
	}

}
