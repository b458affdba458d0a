package dev.jwtauth.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import dev.jwtauth.security.PasswordHashingBusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Limits password guesses: wrong passwords per client and account, and per client alone,
 * counted in the database so that every instance sees the same counts. A client is an
 * IPv4 address or an IPv6 /64 network ({@link ClientNetwork}). Every check of a password
 * a client typed (a signin, or the current password that confirms a change) is a guess.
 * <p>
 * A guess takes its turn before its password is checked, and a count admits only as many
 * checks at once as it still allows failures: concurrent wrong guesses cannot slip past a
 * limit, while concurrent right ones wait their turn instead of being refused. A check
 * refused because its client is past a limit is no guess and counts nothing; a right
 * password clears the account's failures from that client. Only the guessing client is
 * held back: the account's owner signs in from elsewhere as usual.
 */
public class PasswordThrottle {

	/** The account column of a client's count across all accounts. */
	private static final String ANY_ACCOUNT = "*";

	/**
	 * How long a guess waiting for its turn sleeps at most before it looks again, for
	 * turns freed on other instances; turns freed here wake it at once.
	 */
	private static final long POLL_MILLIS = 50;

	private static final Logger events = LoggerFactory.getLogger("dev.jwtauth.auth");

	private final JdbcClient jdbc;

	private final ThrottleProperties limits;

	private final Clock clock;

	/** What guesses waiting for a turn wait on, shared by counts whose keys collide. */
	private final Object[] turns = new Object[64];

	PasswordThrottle(JdbcClient jdbc, ThrottleProperties limits, Clock clock) {
		this.jdbc = jdbc;
		this.limits = limits;
		this.clock = clock;
		for (int i = 0; i < this.turns.length; i++) {
			this.turns[i] = new Object();
		}
	}

	/**
	 * Takes a turn to check a password for {@code account} from {@code clientAddress},
	 * waiting while other checks use the turns the limits leave.
	 * @param account the account guessed at: the same for one account however it was
	 * named
	 * @return the guess, to be settled once its password was checked; closing it
	 * unsettled withdraws it
	 * @throws PasswordThrottledException when the client is past a limit: no password may
	 * be checked, right or wrong
	 * @throws PasswordHashingBusyException when no turn came within the longest wait
	 */
	public Guess take(String clientAddress, String account) {
		String client = ClientNetwork.of(clientAddress);
		String accountKey = digest(account);
		long deadline = System.nanoTime() + this.limits.maxWait().toNanos();
		takeTurn(client, accountKey, this.limits.perAccount(), deadline);
		try {
			takeTurn(client, ANY_ACCOUNT, this.limits.perClient(), deadline);
		}
		catch (RuntimeException ex) {
			release(client, accountKey, Outcome.WITHDRAWN);
			throw ex;
		}
		return new Guess(client, accountKey);
	}

	private void takeTurn(String client, String account, ThrottleProperties.Limit limit, long deadline) {
		while (true) {
			Instant now = this.clock.instant();
			if (reserve(client, account, limit, now)) {
				return;
			}
			Count count = count(client, account);
			if (count == null) {
				insertOrCountOnTop(client, account, limit, now);
				continue;
			}
			Instant windowEnds = count.windowStartedAt().plus(limit.window());
			if (count.failures() >= limit.maxFailures() && now.isBefore(windowEnds)) {
				Duration wait = Duration.between(now, windowEnds);
				events.warn("Password guesses throttled: client={} retry_after={}s", client, wait.toSeconds());
				throw new PasswordThrottledException(wait);
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				events.info("Password check waited too long for its turn: client={}", client);
				throw new PasswordHashingBusyException();
			}
			awaitTurn(client, account, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining) + 1, POLL_MILLIS));
		}
	}

	/**
	 * Counts one more check under way when the limit leaves room for it, starting a new
	 * window when the last one has ended.
	 */
	private boolean reserve(String client, String account, ThrottleProperties.Limit limit, Instant now) {
		return this.jdbc.sql("""
				update signin_failures
				set failures = case when window_started_at <= :expired then 0 else failures end,
				    checks_in_progress = case when window_started_at <= :expired then 1
				                              else checks_in_progress + 1 end,
				    window_started_at = case when window_started_at <= :expired then :now else window_started_at end
				where client_address = :client and account = :account
				  and (window_started_at <= :expired or failures + checks_in_progress < :max)""")
			.param("expired", at(now.minus(limit.window())))
			.param("now", at(now))
			.param("max", limit.maxFailures())
			.param("client", client)
			.param("account", account)
			.update() == 1;
	}

	private void insertOrCountOnTop(String client, String account, ThrottleProperties.Limit limit, Instant now) {
		try {
			this.jdbc
				.sql("insert into signin_failures (client_address, account, failures, checks_in_progress, "
						+ "window_started_at) values (?, ?, 0, 0, ?)")
				.params(client, account, at(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			// Another check inserted it first: take a turn on top of theirs.
		}
	}

	private Count count(String client, String account) {
		return this.jdbc
			.sql("select failures, window_started_at from signin_failures where client_address = ? and account = ?")
			.params(client, account)
			.query((row, number) -> new Count(row.getInt(1), row.getObject(2, OffsetDateTime.class).toInstant()))
			.optional()
			.orElse(null);
	}

	private void awaitTurn(String client, String account, long millis) {
		Object turn = turnOf(client, account);
		synchronized (turn) {
			try {
				turn.wait(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new PasswordHashingBusyException();
			}
		}
	}

	private Object turnOf(String client, String account) {
		return this.turns[Math.floorMod((client + account).hashCode(), this.turns.length)];
	}

	/**
	 * Ends a check under way, counting its outcome, and wakes the checks waiting here.
	 */
	private void release(String client, String account, Outcome outcome) {
		// The expression is one of the outcome's constants, never input.
		this.jdbc
			.sql("update signin_failures set failures = " + outcome.failures + ", "
					+ "checks_in_progress = case when checks_in_progress > 0 then checks_in_progress - 1 else 0 end "
					+ "where client_address = ? and account = ?")
			.params(client, account)
			.update();
		this.jdbc
			.sql("delete from signin_failures "
					+ "where client_address = ? and account = ? and failures = 0 and checks_in_progress = 0")
			.params(client, account)
			.update();
		Object turn = turnOf(client, account);
		synchronized (turn) {
			turn.notifyAll();
		}
	}

	/** Forgets counts whose window has ended. */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	public void forgetExpired() {
		Duration longest = this.limits.perAccount().window().compareTo(this.limits.perClient().window()) > 0
				? this.limits.perAccount().window() : this.limits.perClient().window();
		this.jdbc.sql("delete from signin_failures where window_started_at < ?")
			.param(at(this.clock.instant().minus(longest)))
			.update();
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** Accounts are kept as digests: what clients type is not stored. */
	private static String digest(String account) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(account.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	private record Count(int failures, Instant windowStartedAt) {
	}

	/** How a check ends, and what it makes of its count's failures. */
	private enum Outcome {

		FAILED("failures + 1"),

		/**
		 * Forgets the account's failures; the client's count across accounts keeps its.
		 */
		SUCCEEDED("case when account = '" + ANY_ACCOUNT + "' then failures else 0 end"),

		WITHDRAWN("failures");

		private final String failures;

		Outcome(String failures) {
			this.failures = failures;
		}

	}

	/**
	 * A password check that has its turn. Settled once: the first of {@link #failed()},
	 * {@link #succeeded()} and {@link #close()} counts.
	 */
	public final class Guess implements AutoCloseable {

		private final String client;

		private final String account;

		private boolean settled;

		private Guess(String client, String account) {
			this.client = client;
			this.account = account;
		}

		/** The password was wrong: one more failure for the account and the client. */
		public void failed() {
			settle(Outcome.FAILED);
		}

		/**
		 * The password was right: the account's failures from this client are forgotten.
		 */
		public void succeeded() {
			settle(Outcome.SUCCEEDED);
		}

		/** Withdraws the guess unless it was settled: no password was checked. */
		@Override
		public void close() {
			settle(Outcome.WITHDRAWN);
		}

		private void settle(Outcome outcome) {
			if (this.settled) {
				return;
			}
			this.settled = true;
			release(this.client, this.account, outcome);
			release(this.client, ANY_ACCOUNT, outcome);
		}

	}

}
