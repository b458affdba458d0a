package dev.jwtauth.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jwtauth.Concurrently;
import dev.jwtauth.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The limits on mails asked for, on a real database, with a clock the tests move.
 */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class MailRequestLimitTests {

	private static final MailLimitProperties LIMITS = new MailLimitProperties(10, 3, Duration.ofHours(1));

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactions;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));

	private MailRequestLimit limit;

	@BeforeEach
	void setUp() {
		this.jdbc.sql("delete from mail_requests").update();
		this.limit = new MailRequestLimit(this.jdbc, this.transactions, LIMITS, this.clock);
	}

	@Test
	void takeWhenPastTheRecipientLimitThenLimitedUntilTheWindowEndsWhoeverAsks() {
		for (int i = 1; i <= 3; i++) {
			this.limit.take("192.0.2." + i, "john@example.com");
		}
		this.clock.move(Duration.ofMinutes(20));

		assertThatExceptionOfType(MailRequestsLimitedException.class)
			.isThrownBy(() -> this.limit.take("198.51.100.7", "john@example.com"))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofMinutes(40)))
			.satisfies((ex) -> assertThat(ex.retryAfterSeconds()).isEqualTo(2400));
		assertThatNoException().isThrownBy(() -> this.limit.take("198.51.100.7", "jane@example.com"));
	}

	@Test
	void takeWhenPastTheClientLimitThenLimitedWhateverTheRecipient() {
		for (int i = 0; i < 10; i++) {
			this.limit.take("192.0.2.1", "user" + i + "@example.com");
		}

		assertLimited("192.0.2.1", "someone-new@example.com");
		assertThatNoException().isThrownBy(() -> this.limit.take("198.51.100.7", "someone-new@example.com"));
	}

	@Test
	void takeWhenIpv6AddressesOfOneSlash64ThenOneClient() {
		for (int i = 0; i < 10; i++) {
			this.limit.take("2001:db8:0:7::" + Integer.toHexString(i + 1), "user" + i + "@example.com");
		}

		assertLimited("2001:db8:0:7:ffff:ffff:ffff:ffff", "someone-new@example.com");
		assertThatNoException().isThrownBy(() -> this.limit.take("2001:db8:0:8::1", "someone-new@example.com"));
	}

	@Test
	void takeWhenTheClientIsRefusedThenTheRecipientCountsNothing() {
		for (int i = 0; i < 10; i++) {
			this.limit.take("192.0.2.1", "user" + i + "@example.com");
		}
		for (int i = 0; i < 5; i++) {
			assertLimited("192.0.2.1", "john@example.com");
		}

		for (int i = 1; i <= 3; i++) {
			this.limit.take("198.51.100." + i, "john@example.com");
		}
		assertLimited("198.51.100.9", "john@example.com");
	}

	@Test
	void takeWhenRefusedThenTheRefusalCountsNothing() {
		for (int i = 0; i < 3; i++) {
			this.limit.take("192.0.2.1", "john@example.com");
		}
		for (int i = 0; i < 20; i++) {
			assertLimited("192.0.2.1", "john@example.com");
		}

		assertThat(requests("recipient:john@example.com")).isEqualTo(3);
		assertThat(requests("client:192.0.2.1")).isEqualTo(3);
	}

	@Test
	void takeWhenTheWindowIsOverThenCountedAfresh() {
		for (int i = 0; i < 3; i++) {
			this.limit.take("192.0.2.1", "john@example.com");
		}
		this.clock.move(Duration.ofMinutes(59));
		assertLimited("192.0.2.1", "john@example.com");
		this.clock.move(Duration.ofMinutes(1));

		for (int i = 0; i < 3; i++) {
			this.limit.take("192.0.2.1", "john@example.com");
		}
		assertLimited("192.0.2.1", "john@example.com");
	}

	@Test
	void takeThenOnlyDigestsAreStored() {
		this.limit.take("192.0.2.1", "john@example.com");

		assertThat(this.jdbc.sql("select subject from mail_requests").query(String.class).list())
			.containsExactlyInAnyOrder(sha256("client:192.0.2.1"), sha256("recipient:john@example.com"))
			.noneMatch((subject) -> subject.contains("john") || subject.contains("192.0.2.1"));
	}

	@Test
	void takeWhenTheCallersTransactionRollsBackThenStillCounted() {
		TransactionTemplate transaction = new TransactionTemplate(this.transactions);
		transaction.executeWithoutResult((status) -> {
			for (int i = 0; i < 3; i++) {
				this.limit.take("192.0.2.1", "john@example.com");
			}
			status.setRollbackOnly();
		});

		assertLimited("192.0.2.1", "john@example.com");
	}

	@Test
	void takeWhenTwentyAtOnceForOneRecipientThenExactlyTheLimitPasses() throws Exception {
		AtomicInteger clients = new AtomicInteger();

		List<Boolean> passed = Concurrently.times(20,
				() -> taken("192.0.2." + clients.incrementAndGet(), "john@example.com"));

		assertThat(passed).filteredOn(Boolean::booleanValue).hasSize(3);
		assertThat(requests("recipient:john@example.com")).isEqualTo(3);
	}

	@Test
	void takeWhenTwentyAtOnceFromOneClientThenExactlyTheLimitPasses() throws Exception {
		AtomicInteger recipients = new AtomicInteger();

		List<Boolean> passed = Concurrently.times(20,
				() -> taken("192.0.2.1", "user" + recipients.incrementAndGet() + "@example.com"));

		assertThat(passed).filteredOn(Boolean::booleanValue).hasSize(10);
		assertThat(requests("client:192.0.2.1")).isEqualTo(10);
	}

	@Test
	void forgetExpiredThenOnlyCurrentCountsRemain() {
		this.limit.take("192.0.2.1", "john@example.com");
		this.clock.move(Duration.ofMinutes(70));
		this.limit.take("192.0.2.2", "jane@example.com");

		this.limit.forgetExpired();

		assertThat(this.jdbc.sql("select subject from mail_requests").query(String.class).list())
			.containsExactlyInAnyOrder(sha256("client:192.0.2.2"), sha256("recipient:jane@example.com"));
	}

	private boolean taken(String client, String recipient) {
		try {
			this.limit.take(client, recipient);
			return true;
		}
		catch (MailRequestsLimitedException ex) {
			return false;
		}
	}

	private void assertLimited(String client, String recipient) {
		assertThatExceptionOfType(MailRequestsLimitedException.class)
			.isThrownBy(() -> this.limit.take(client, recipient));
	}

	private int requests(String subject) {
		return this.jdbc.sql("select requests from mail_requests where subject = ?")
			.param(sha256(subject))
			.query(Integer.class)
			.single();
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
