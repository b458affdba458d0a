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

	/** The memory budget of the defaults, 40 MiB, in KiB. */
	private static final int BUDGET_KIB = 40 * 1024;

	private final RecordingEncoder encoder = new RecordingEncoder();

	private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

	private final List<String> paddedWhile = new ArrayList<>();

	private long clock;

	private final PasswordHasher hasher = new PasswordHasher(this.encoder, PasswordHasherTests::cost,
			PasswordHashingProperties.of(2, Duration.ZERO), new CheckPadding(this::tick, this::sleep), this.metrics);

	/**
	 * {@code hashed:…} at 7 MiB, {@code big:…} at 30 MiB, and anything else never
	 * matches.
	 */
	private static HashCost cost(String hash) {
		if (hash.startsWith("hashed:")) {
			return HashCost.of("small", 7 * 1024);
		}
		return hash.startsWith("big:") ? HashCost.of("big", 30 * 1024) : HashCost.refused(HashCost.UNUSABLE);
	}

	@Test
	void matchesWhenNoHashThenChecksADecoyAndRefuses() {
		this.encoder.checked.clear();

		assertThat(this.hasher.matches("any password", null)).isFalse();
		assertThat(this.encoder.checked).singleElement().asString().startsWith("any password against hashed:");
	}

	@Test
	void matchesWhenHashNeverMatchesThenChecksTheDecoyInsteadAndRefuses() {
		String decoy = decoy();
		this.encoder.checked.clear();

		assertThat(this.hasher.matches("!unusable", "!unusable")).isFalse();
		assertThat(this.hasher.matches("any", "md5$salt$abc")).isFalse();

		assertThat(this.encoder.checked).containsExactly("!unusable against " + decoy, "any against " + decoy);
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
	void matchesWhenTooLittleMemoryLeftThenRefusedUncheckedAndSlotGivenBack() throws InterruptedException {
		this.hasher.memory().acquire(BUDGET_KIB - 20 * 1024);
		this.encoder.checked.clear();

		assertThatExceptionOfType(PasswordHashingBusyException.class)
			.isThrownBy(() -> this.hasher.matches("any", "big:any"));
		assertThat(this.encoder.checked).isEmpty();
		assertThat(this.hasher.slots().availablePermits()).isEqualTo(2);
		assertThat(this.metrics.get("auth.password.hashing.busy").counter().count()).isOne();

		assertThat(this.hasher.matches("any", "hashed:any")).as("a smaller check still fits").isTrue();
		this.hasher.memory().release(BUDGET_KIB - 20 * 1024);
		assertThat(this.hasher.matches("any", "big:any")).isTrue();
	}

	@Test
	void matchesThenHoldsTheMemoryItsHashNamesWhileItRuns() {
		this.hasher.matches("any", "big:any");
		this.hasher.matches("any", "hashed:other");
		this.hasher.matches("any", "!unusable");

		assertThat(this.encoder.memoryLeft).containsExactly(BUDGET_KIB - 30 * 1024, BUDGET_KIB - 7 * 1024,
				BUDGET_KIB - 7 * 1024);
		assertThat(this.hasher.memory().availablePermits()).isEqualTo(BUDGET_KIB);
	}

	@Test
	void matchesThenPaddedOnlyAfterSlotAndMemoryAreGivenBack() {
		this.hasher.matches("any", "big:any");
		this.hasher.matches("any", "hashed:any");

		assertThat(this.paddedWhile).containsExactly("2 slots, " + BUDGET_KIB + " KiB free");
	}

	@Test
	void hashAndMatchesWhenEncoderFailsThenSlotAndMemoryGivenBack() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.hasher.hash(FAILING));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.hasher.matches(FAILING, "hashed:x"));

		assertThat(this.hasher.slots().availablePermits()).isEqualTo(2);
		assertThat(this.hasher.memory().availablePermits()).isEqualTo(BUDGET_KIB);
	}

	/** The hash checked instead of one that never matches. */
	private String decoy() {
		this.encoder.checked.clear();
		this.hasher.matches("probe", null);
		return this.encoder.checked.get(0).substring("probe against ".length());
	}

	/** A clock on which a big check takes 80 ms and any other 40 ms. */
	private long tick() {
		this.clock += 20_000_000;
		return this.clock;
	}

	private void sleep(long nanos) {
		this.paddedWhile.add(this.hasher.slots().availablePermits() + " slots, "
				+ this.hasher.memory().availablePermits() + " KiB free");
	}

	private final class RecordingEncoder implements PasswordEncoder {

		private final List<String> checked = new ArrayList<>();

		private final List<Integer> memoryLeft = new ArrayList<>();

		@Override
		public String encode(CharSequence rawPassword) {
			failOn(rawPassword);
			return "hashed:" + rawPassword;
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			failOn(rawPassword);
			this.checked.add(rawPassword + " against " + encodedPassword);
			this.memoryLeft.add(PasswordHasherTests.this.hasher.memory().availablePermits());
			if (encodedPassword.startsWith("big:")) {
				PasswordHasherTests.this.clock += 40_000_000;
			}
			return encodedPassword.substring(encodedPassword.indexOf(':') + 1).contentEquals(rawPassword);
		}

		private void failOn(CharSequence rawPassword) {
			if (FAILING.contentEquals(rawPassword)) {
				throw new IllegalArgumentException("Cannot encode");
			}
		}

	}

}
