package dev.jwtauth.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The padding of password checks on a clock the test moves: every check is made to take
 * as long as the slowest kind of hash checked, which neither waiting nor one slow check
 * moves.
 */
class CheckPaddingTests {

	private static final long MS = 1_000_000;

	private long now = 1_000 * MS;

	private final List<Long> slept = new ArrayList<>();

	private final CheckPadding padding = new CheckPadding(() -> this.now, this.slept::add);

	@Test
	void padWhenKindsTakeDifferentTimesThenEveryCheckEndsAfterTheSlowest() {
		check("argon2", 40);
		check("pbkdf2", 80);
		check("argon2", 41);
		check("bcrypt", 60);

		assertThat(this.slept).containsExactly(39 * MS, 20 * MS);
	}

	@Test
	void padWhenSlowKindLastCheckedLongAgoThenStillPadded() {
		check("pbkdf2", 80);
		this.now += 24 * 3600 * 1000 * MS;

		check("argon2", 40);
		this.now += 5 * 60 * 1000 * MS;
		check("argon2", 40);

		assertThat(this.slept).containsExactly(40 * MS, 40 * MS);
	}

	@Test
	void padWhenOneCheckOfAKindWasSlowedThenOthersAreNotPaddedToIt() {
		check("argon2", 40);
		check("argon2", 40);
		check("argon2", 900);
		check("argon2", 42);
		check("argon2", 40);

		assertThat(this.slept).containsExactly(2 * MS);
	}

	@Test
	void padWhenAKindProvesFasterThenItsOldSlowChecksStopCountingAfterEightChecks() {
		for (int i = 0; i < 8; i++) {
			check("argon2", 200);
		}
		for (int i = 0; i < 7; i++) {
			check("argon2", 40);
		}
		this.slept.clear();

		check("argon2", 40);
		check("argon2", 40);

		assertThat(this.slept).isEmpty();
	}

	@Test
	void padWhenCheckIsTheSlowestYetThenNoWait() {
		check("argon2", 40);
		check("argon2", 45);
		check("pbkdf2", 90);

		assertThat(this.slept).isEmpty();
	}

	/** A check of {@code kind} that took {@code millis}, padded. */
	private void check(String kind, long millis) {
		long start = this.now;
		this.now += millis * MS;
		this.padding.pad(kind, start);
	}

}
