package dev.jwtauth.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTests {

	private final RecordingEncoder encoder = new RecordingEncoder();

	private final PasswordHasher hasher = new PasswordHasher(this.encoder);

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
