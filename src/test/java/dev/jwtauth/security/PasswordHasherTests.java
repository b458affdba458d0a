package dev.jwtauth.security;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTests {

	private final RecordingEncoder encoder = new RecordingEncoder();

	private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

	private final PasswordHasher hasher = new PasswordHasher(this.encoder, this.metrics);

	@Test
	void matchesWhenNoHashThenChecksADecoyAndRefuses() {
		this.encoder.checked.clear();

		assertThat(this.hasher.matches("any password", null)).isFalse();
		assertThat(this.encoder.checked).containsExactly("any password");
	}

	@Test
	void matchesWhenHashThenChecksIt() {
		String hash = this.hasher.hash("right password");

		assertThat(this.hasher.matches("right password", hash)).isTrue();
		assertThat(this.hasher.matches("wrong password", hash)).isFalse();
	}

	@Test
	void hashAndMatchesThenTimed() {
		this.hasher.matches("any", this.hasher.hash("any"));
		this.hasher.matches("any", null);

		assertThat(this.metrics.get("auth.password.hashing").tag("operation", "hash").timer().count()).isOne();
		assertThat(this.metrics.get("auth.password.hashing").tag("operation", "verify").timer().count()).isEqualTo(2);
	}

	private static final class RecordingEncoder implements PasswordEncoder {

		private final List<String> checked = new ArrayList<>();

		@Override
		public String encode(CharSequence rawPassword) {
			return "hashed:" + rawPassword;
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			this.checked.add(rawPassword.toString());
			return encodedPassword.equals(encode(rawPassword));
		}

	}

}
