package dev.jwtauth.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PasswordHasherTests {

	private static final String FAILING = "password the encoder fails on";

	private final RecordingEncoder encoder = new RecordingEncoder();

	private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

	private final PasswordHasher hasher = new PasswordHasher(this.encoder,
			new PasswordHashingProperties(2, Duration.ZERO), this.metrics);

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

	@Test
	void hashAndMatchesWhenEverySlotBusyThenRefusedUncheckedAndCounted() throws InterruptedException {
		this.hasher.slots().acquire(2);
		this.encoder.checked.clear();

		assertThatExceptionOfType(PasswordHashingBusyException.class).isThrownBy(() -> this.hasher.hash("any"));
		assertThatExceptionOfType(PasswordHashingBusyException.class)
			.isThrownBy(() -> this.hasher.matches("any", null));
		assertThat(this.encoder.checked).isEmpty();
		assertThat(this.metrics.get("auth.password.hashing.busy").counter().count()).isEqualTo(2);

		this.hasher.slots().release();
		assertThat(this.hasher.matches("any", this.hasher.hash("any"))).isTrue();
	}

	@Test
	void hashAndMatchesWhenEncoderFailsThenSlotGivenBack() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.hasher.hash(FAILING));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.hasher.matches(FAILING, "hashed:x"));

		assertThat(this.hasher.slots().availablePermits()).isEqualTo(2);
	}

	private static final class RecordingEncoder implements PasswordEncoder {

		private final List<String> checked = new ArrayList<>();

		@Override
		public String encode(CharSequence rawPassword) {
			failOn(rawPassword);
			return "hashed:" + rawPassword;
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			failOn(rawPassword);
			this.checked.add(rawPassword.toString());
			return encodedPassword.equals(encode(rawPassword));
		}

		private static void failOn(CharSequence rawPassword) {
			if (FAILING.contentEquals(rawPassword)) {
				throw new IllegalArgumentException("Cannot encode");
			}
		}

	}

}
