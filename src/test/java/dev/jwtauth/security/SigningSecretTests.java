package dev.jwtauth.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SigningSecretTests {

	@TempDir
	Path directory;

	@Test
	void resolveWhenSecretConfiguredThenDecodesIt() {
		byte[] secret = new byte[32];
		secret[0] = 7;

		byte[] resolved = SigningSecret.resolve(properties(Base64.getEncoder().encodeToString(secret)), false);

		assertThat(resolved).isEqualTo(secret);
		assertThat(this.directory.resolve("secret")).doesNotExist();
	}

	@Test
	void resolveAllThenCurrentFirstThenPrevious() {
		byte[] current = new byte[32];
		byte[] previous = new byte[48];
		previous[0] = 1;
		TokenProperties properties = properties(Base64.getEncoder().encodeToString(current),
				List.of(Base64.getEncoder().encodeToString(previous), " "));

		assertThat(SigningSecret.resolveAll(properties, false)).containsExactly(current, previous);
	}

	@Test
	void resolveAllWhenPreviousSecretWeakThenRefusesToStart() {
		TokenProperties properties = properties(Base64.getEncoder().encodeToString(new byte[32]),
				List.of(Base64.getEncoder().encodeToString(new byte[8])));

		assertThatExceptionOfType(InvalidSigningSecretException.class)
			.isThrownBy(() -> SigningSecret.resolveAll(properties, false))
			.withMessage("JWT_PREVIOUS_SECRETS is 64 bits long; at least 256 are required.");
	}

	@Test
	void resolveWhenSecretShorterThan256BitsThenRefusesToStart() {
		String shortSecret = Base64.getEncoder().encodeToString(new byte[31]);

		assertThatExceptionOfType(InvalidSigningSecretException.class)
			.isThrownBy(() -> SigningSecret.resolve(properties(shortSecret), true))
			.withMessage("JWT_SECRET is 248 bits long; at least 256 are required.")
			.withMessageNotContaining(shortSecret);
	}

	@Test
	void resolveWhenSecretNotBase64ThenRefusesToStart() {
		assertThatExceptionOfType(InvalidSigningSecretException.class)
			.isThrownBy(() -> SigningSecret.resolve(properties("not base64 at all!"), true))
			.withMessage("JWT_SECRET is not valid Base64.");
	}

	@Test
	void resolveWhenNoSecretAndNotLocalDatabaseThenRefusesToStart() {
		assertThatExceptionOfType(InvalidSigningSecretException.class)
			.isThrownBy(() -> SigningSecret.resolve(properties(""), false))
			.withMessageContaining("JWT_SECRET is not set");
		assertThat(this.directory.resolve("secret")).doesNotExist();
	}

	@Test
	void resolveWhenNoSecretOnLocalDatabaseThenGeneratesOwnerOnlyFileAndReusesIt() throws Exception {
		byte[] first = SigningSecret.resolve(properties(null), true);
		byte[] second = SigningSecret.resolve(properties(null), true);

		Path file = this.directory.resolve("data/secret");
		assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second);
		assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(first);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void configuredThenOnlyTheSecretsSetWithoutGeneratingAFile() {
		byte[] previous = new byte[32];
		previous[0] = 1;

		assertThat(SigningSecret.configured(properties(null, List.of(Base64.getEncoder().encodeToString(previous)))))
			.containsExactly(previous);
		assertThat(SigningSecret.configured(properties(null))).isEmpty();
		assertThat(this.directory.resolve("data/secret")).doesNotExist();
	}

	private TokenProperties properties(String secret) {
		return properties(secret, List.of());
	}

	private TokenProperties properties(String secret, List<String> previous) {
		return new TokenProperties(TokenAlgorithm.HS256, secret, previous, this.directory.resolve("data/secret"), null,
				null, List.of(), "jwt-auth", List.of(), Duration.ofHours(1));
	}

}
