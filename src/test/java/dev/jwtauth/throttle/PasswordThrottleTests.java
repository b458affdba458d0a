package dev.jwtauth.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.jwtauth.MovableClock;
import dev.jwtauth.security.PasswordHashingBusyException;
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
 * The password guess limits on a real database, with a clock the tests move.
 */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class PasswordThrottleTests {

	private static final ThrottleProperties LIMITS = new ThrottleProperties(
			new ThrottleProperties.Limit(5, Duration.ofMinutes(15)),
			new ThrottleProperties.Limit(50, Duration.ofMinutes(15)), Duration.ofSeconds(30));

	@Autowired
	private JdbcClient jdbc;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));

	private PasswordThrottle throttle;

	@BeforeEach
	void setUp() {
		this.jdbc.sql("delete from signin_failures").update();
		this.throttle = new PasswordThrottle(this.jdbc, LIMITS, this.clock);
	}

	@Test
	void takeWhenPastTheAccountLimitThenThrottledUntilTheWindowEnds() {
		failures("192.0.2.1", "user:7", 5);
		this.clock.move(Duration.ofMinutes(5));

		assertThatExceptionOfType(PasswordThrottledException.class)
			.isThrownBy(() -> this.throttle.take("192.0.2.1", "user:7"))
			.satisfies((ex) -> assertThat(ex.retryAfterSeconds()).isEqualTo(600));
	}

	@Test
	void takeWhenWindowOverThenAllowedAgain() {
		failures("192.0.2.1", "user:7", 5);
		this.clock.move(Duration.ofMinutes(15));

		assertThatNoException().isThrownBy(() -> this.throttle.take("192.0.2.1", "user:7").failed());
		failures("192.0.2.1", "user:7", 3);
		assertThatNoException().isThrownBy(() -> this.throttle.take("192.0.2.1", "user:7").close());
	}

	@Test
	void takeWhenAnotherClientIsThrottledForTheAccountThenTheOwnerIsNot() {
		failures("192.0.2.1", "user:7", 5);
		assertThrottled("192.0.2.1", "user:7");

		assertThatNoException().isThrownBy(() -> this.throttle.take("198.51.100.7", "user:7").succeeded());
	}

	@Test
	void succeededThenTheAccountsCountForThatClientStartsOver() {
		failures("192.0.2.1", "user:7", 4);
		this.throttle.take("192.0.2.1", "user:7").succeeded();

		failures("192.0.2.1", "user:7", 5);
		assertThrottled("192.0.2.1", "user:7");
	}

	@Test
	void takeWhenFewDozenFailuresAcrossAccountsThenAllowedThenThrottledPastTheClientLimit() {
		for (int i = 0; i < 50; i++) {
			failures("192.0.2.1", "username:user" + i, 1);
		}

		assertThrottled("192.0.2.1", "username:one-more");
		assertThatNoException().isThrownBy(() -> this.throttle.take("198.51.100.7", "username:one-more").close());
	}

	@Test
	void takeWhenThrottledThenTheRefusalCountsNothing() {
		failures("192.0.2.1", "user:7", 5);
		for (int i = 0; i < 60; i++) {
			assertThrottled("192.0.2.1", "user:7");
		}

		assertThat(failuresOf("192.0.2.1", "*")).isEqualTo(5);
		assertThatNoException().isThrownBy(() -> this.throttle.take("192.0.2.1", "user:8").close());
	}

	@Test
	void succeededOrWithdrawnThenNothingCountsAgainstTheClient() {
		for (int i = 0; i < 60; i++) {
			this.throttle.take("192.0.2.1", "user:7").succeeded();
			this.throttle.take("192.0.2.1", "user:7").close();
		}

		assertThat(this.jdbc.sql("select count(*) from signin_failures").query(Long.class).single()).isZero();
		assertThatNoException().isThrownBy(() -> this.throttle.take("192.0.2.1", "user:8").close());
	}

	@Test
	void takeWhenTurnsTakenByChecksUnderWayThenWaitsForOneToEnd() throws Exception {
		List<PasswordThrottle.Guess> underWay = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			underWay.add(this.throttle.take("192.0.2.1", "user:7"));
		}
		CompletableFuture<PasswordThrottle.Guess> waiting = CompletableFuture
			.supplyAsync(() -> this.throttle.take("192.0.2.1", "user:7"));

		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> waiting.get(300, TimeUnit.MILLISECONDS));
		underWay.get(0).succeeded();
		waiting.get(10, TimeUnit.SECONDS).succeeded();
		underWay.forEach(PasswordThrottle.Guess::succeeded);
		assertThat(this.jdbc.sql("select count(*) from signin_failures").query(Long.class).single()).isZero();
	}

	@Test
	void takeWhenTurnsTakenByFailingChecksThenThrottledOnceTheyFailed() throws Exception {
		List<PasswordThrottle.Guess> underWay = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			underWay.add(this.throttle.take("192.0.2.1", "user:7"));
		}
		CompletableFuture<PasswordThrottle.Guess> waiting = CompletableFuture
			.supplyAsync(() -> this.throttle.take("192.0.2.1", "user:7"));

		underWay.forEach(PasswordThrottle.Guess::failed);

		assertThat(waiting).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(PasswordThrottledException.class);
		assertThat(failuresOf("192.0.2.1", "*")).isEqualTo(5);
	}

	@Test
	void takeWhenNoTurnWithinTheLongestWaitThenBusy() {
		PasswordThrottle impatient = new PasswordThrottle(this.jdbc,
				new ThrottleProperties(LIMITS.perAccount(), LIMITS.perClient(), Duration.ofMillis(200)), this.clock);
		for (int i = 0; i < 5; i++) {
			impatient.take("192.0.2.1", "user:7");
		}

		assertThatExceptionOfType(PasswordHashingBusyException.class)
			.isThrownBy(() -> impatient.take("192.0.2.1", "user:7"));
		assertThat(this.jdbc.sql("select checks_in_progress from signin_failures where account = '*'")
			.query(Integer.class)
			.single()).as("the refused check holds no turn of the client's").isEqualTo(5);
	}

	@Test
	void settledTwiceThenCountedOnce() {
		PasswordThrottle.Guess guess = this.throttle.take("192.0.2.1", "user:7");
		guess.failed();
		guess.failed();
		guess.close();

		assertThat(failuresOf("192.0.2.1", "*")).isEqualTo(1);
	}

	@Test
	void takeThenAccountsAreStoredOnlyAsDigests() {
		this.throttle.take("192.0.2.1", "email:john@example.com").failed();

		assertThat(this.jdbc.sql("select account from signin_failures").query(String.class).list())
			.containsExactlyInAnyOrder("*", digestOf("email:john@example.com"))
			.noneMatch((account) -> account.contains("john"));
	}

	@Test
	void forgetExpiredThenOnlyCurrentCountsRemain() {
		failures("192.0.2.1", "user:1", 1);
		this.clock.move(Duration.ofMinutes(20));
		failures("192.0.2.2", "user:2", 1);

		this.throttle.forgetExpired();

		assertThat(this.jdbc.sql("select distinct client_address from signin_failures").query(String.class).list())
			.containsExactly("192.0.2.2");
	}

	private void failures(String client, String account, int count) {
		for (int i = 0; i < count; i++) {
			this.throttle.take(client, account).failed();
		}
	}

	private int failuresOf(String client, String account) {
		String key = "*".equals(account) ? account : digestOf(account);
		return this.jdbc.sql("select failures from signin_failures where client_address = ? and account = ?")
			.params(client, key)
			.query(Integer.class)
			.single();
	}

	private void assertThrottled(String client, String account) {
		assertThatExceptionOfType(PasswordThrottledException.class)
			.isThrownBy(() -> this.throttle.take(client, account));
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

}
