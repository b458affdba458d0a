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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Counts signin attempts per client address and account, and per client address alone, in
 * the database, so that every instance sees the same counts. Each attempt counts before
 * its password is checked, so concurrent guesses cannot slip past a limit; a success
 * takes its attempt back and clears the account's count for that client. Only the
 * attempting client is held back: the account's owner signs in from elsewhere as usual.
 */
public class SigninThrottle {

	/** The account column of a client's count across all accounts. */
	private static final String ANY_ACCOUNT = "*";

	private static final Logger events = LoggerFactory.getLogger("dev.jwtauth.auth");

	private final JdbcClient jdbc;

	private final ThrottleProperties limits;

	private final Clock clock;

	SigninThrottle(JdbcClient jdbc, ThrottleProperties limits, Clock clock) {
		this.jdbc = jdbc;
		this.limits = limits;
		this.clock = clock;
	}

	/**
	 * Counts an attempt to sign in to {@code account} from {@code client}.
	 * @throws SigninThrottledException when the client is past a limit: the attempt must
	 * not go on, whatever its password
	 */
	public void attempt(String client, String account) {
		Instant now = this.clock.instant();
		String accountKey = digest(account);
		Duration wait = count(client, accountKey, this.limits.perAccount(), now);
		Duration clientWait = count(client, ANY_ACCOUNT, this.limits.perClient(), now);
		if (clientWait.compareTo(wait) > 0) {
			wait = clientWait;
		}
		if (!wait.isNegative() && !wait.isZero()) {
			events.warn("Signin throttled: client={} retry_after={}s", client, wait.toSeconds());
			throw new SigninThrottledException(wait);
		}
	}

	/**
	 * The attempt succeeded: it no longer counts, nor do the account's earlier failures.
	 */
	public void succeeded(String client, String account) {
		this.jdbc.sql("delete from signin_failures where client_address = ? and account = ?")
			.params(client, digest(account))
			.update();
		this.jdbc
			.sql("update signin_failures set failures = failures - 1 "
					+ "where client_address = ? and account = ? and failures > 0")
			.params(client, ANY_ACCOUNT)
			.update();
	}

	/**
	 * The attempt was never checked: it no longer counts, and earlier failures still do.
	 */
	public void withdraw(String client, String account) {
		this.jdbc
			.sql("update signin_failures set failures = failures - 1 "
					+ "where client_address = ? and account in (?, ?) and failures > 0")
			.params(client, digest(account), ANY_ACCOUNT)
			.update();
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

	/**
	 * Adds one to a count and answers how long its client must wait (zero: not at all).
	 */
	private Duration count(String client, String account, ThrottleProperties.Limit limit, Instant now) {
		if (increment(client, account, limit, now) == 0) {
			try {
				this.jdbc
					.sql("insert into signin_failures (client_address, account, failures, window_started_at) "
							+ "values (?, ?, 1, ?)")
					.params(client, account, at(now))
					.update();
			}
			catch (DuplicateKeyException ex) {
				// Another attempt inserted it first: count on top of theirs.
				increment(client, account, limit, now);
			}
		}
		Counted counted = this.jdbc
			.sql("select failures, window_started_at from signin_failures where client_address = ? and account = ?")
			.params(client, account)
			.query((row, number) -> new Counted(row.getInt(1), row.getObject(2, OffsetDateTime.class).toInstant()))
			.single();
		if (counted.failures() <= limit.maxFailures()) {
			return Duration.ZERO;
		}
		return Duration.between(now, counted.windowStartedAt().plus(limit.window()));
	}

	/** Counts one more attempt, starting a new window when the last one has ended. */
	private int increment(String client, String account, ThrottleProperties.Limit limit, Instant now) {
		return this.jdbc.sql("""
				update signin_failures
				set failures = case when window_started_at <= :expired then 1 else failures + 1 end,
				    window_started_at = case when window_started_at <= :expired then :now else window_started_at end
				where client_address = :client and account = :account""")
			.param("expired", at(now.minus(limit.window())))
			.param("now", at(now))
			.param("client", client)
			.param("account", account)
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

	private record Counted(int failures, Instant windowStartedAt) {
	}

}
