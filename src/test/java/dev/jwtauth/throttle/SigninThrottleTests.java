package dev.jwtauth.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The signin limits on a real database, with a clock the tests move.
 */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class SigninThrottleTests {

	private static final ThrottleProperties LIMITS = new ThrottleProperties(
			new ThrottleProperties.Limit(5, Duration.ofMinutes(15)),
			new ThrottleProperties.Limit(50, Duration.ofMinutes(15)));

	@Autowired
	private JdbcClient jdbc;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));

	private SigninThrottle throttle;

	@BeforeEach
	void setUp() {
		this.jdbc.sql("delete from signin_failures").update();
		this.throttle = new SigninThrottle(this.jdbc, LIMITS, this.clock);
	}

	@Test
	void attemptWhenPastTheAccountLimitThenThrottledUntilTheWindowEnds() {
		attempts("192.0.2.1", "username:john", 5);
		this.clock.move(Duration.ofMinutes(5));

		assertThatExceptionOfType(SigninThrottledException.class)
			.isThrownBy(() -> this.throttle.attempt("192.0.2.1", "username:john"))
			.satisfies((ex) -> assertThat(ex.retryAfterSeconds()).isEqualTo(600));
	}

	@Test
	void attemptWhenWindowOverThenAllowedAgain() {
		attempts("192.0.2.1", "username:john", 5);
		this.clock.move(Duration.ofMinutes(15));

		assertThatNoException().isThrownBy(() -> this.throttle.attempt("192.0.2.1", "username:john"));
	}

	@Test
	void attemptWhenAnotherClientIsThrottledForTheAccountThenTheOwnerIsNot() {
		attempts("192.0.2.1", "username:john", 5);
		assertThrottled("192.0.2.1", "username:john");

		assertThatNoException().isThrownBy(() -> this.throttle.attempt("198.51.100.7", "username:john"));
	}

	@Test
	void succeededThenTheAccountsCountForThatClientStartsOver() {
		attempts("192.0.2.1", "username:john", 4);
		this.throttle.succeeded("192.0.2.1", "username:john");

		attempts("192.0.2.1", "username:john", 5);
		assertThrottled("192.0.2.1", "username:john");
	}

	@Test
	void attemptWhenFewDozenFailuresAcrossAccountsThenAllowedThenThrottledPastTheClientLimit() {
		for (int i = 0; i < 50; i++) {
			attempts("192.0.2.1", "username:user" + i, 1);
		}

		assertThrottled("192.0.2.1", "username:one-more");
		assertThatNoException().isThrownBy(() -> this.throttle.attempt("198.51.100.7", "username:one-more"));
	}

	@Test
	void succeededThenItsAttemptDoesNotCountAgainstTheClient() {
		for (int i = 0; i < 60; i++) {
			this.throttle.attempt("192.0.2.1", "username:busy");
			this.throttle.succeeded("192.0.2.1", "username:busy");
		}

		assertThatNoException().isThrownBy(() -> this.throttle.attempt("192.0.2.1", "username:other"));
	}

	@Test
	void attemptThenAccountsAreStoredOnlyAsDigests() {
		this.throttle.attempt("192.0.2.1", "email:john@example.com");

		assertThat(this.jdbc.sql("select account from signin_failures").query(String.class).list())
			.containsExactlyInAnyOrder("*", digestOf("email:john@example.com"))
			.noneMatch((account) -> account.contains("john"));
	}

	@Test
	void forgetExpiredThenOnlyCurrentCountsRemain() {
		attempts("192.0.2.1", "username:old", 1);
		this.clock.move(Duration.ofMinutes(20));
		attempts("192.0.2.2", "username:new", 1);

		this.throttle.forgetExpired();

		assertThat(this.jdbc.sql("select distinct client_address from signin_failures").query(String.class).list())
			.containsExactly("192.0.2.2");
	}

	private void attempts(String client, String account, int count) {
		for (int i = 0; i < count; i++) {
			this.throttle.attempt(client, account);
		}
	}

	private void assertThrottled(String client, String account) {
		assertThatExceptionOfType(SigninThrottledException.class)
			.isThrownBy(() -> this.throttle.attempt(client, account));
	}

	private static String digestOf(String account) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(account.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void move(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
