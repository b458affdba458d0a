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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Limits how many mails clients may ask for: per client (an IPv4 address or an IPv6 /64
 * network, {@link ClientNetwork}), and per recipient whoever asks, so that the service
 * can be made to flood neither anyone's inbox nor its own sending reputation. Counted in
 * the database, so that every instance sees the same counts, under digests: no address is
 * stored.
 * <p>
 * A window starts with the first request and lasts the configured time. The client's
 * count is taken first, then the recipient's; a refused request counts in neither.
 * Callers count a request for an address no account has exactly like one for an
 * account's, so that the limit tells nothing of which addresses have accounts.
 */
public class MailRequestLimit {

	private static final Logger events = LoggerFactory.getLogger("dev.jwtauth.auth");

	private final JdbcClient jdbc;

	private final MailLimitProperties limits;

	private final Clock clock;

	private final TransactionTemplate ownStatements;

	MailRequestLimit(JdbcClient jdbc, PlatformTransactionManager transactions, MailLimitProperties limits,
			Clock clock) {
		this.jdbc = jdbc;
		this.limits = limits;
		this.clock = clock;
		// Counts stand whatever becomes of the caller's transaction, and a lost insert
		// race cannot abort it (PostgreSQL ends a transaction at its first error).
		this.ownStatements = new TransactionTemplate(transactions);
		this.ownStatements.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	/**
	 * Counts one mail asked for by {@code client} for {@code recipient}.
	 * @param client the client's address
	 * @param recipient the address the mail would go to, the same however it was typed
	 * @throws MailRequestsLimitedException when either count is past its limit: no mail
	 * may be sent
	 */
	public void take(String client, String recipient) {
		this.ownStatements.executeWithoutResult((status) -> {
			String clientSubject = subject("client", ClientNetwork.of(client));
			count("client", clientSubject, this.limits.perClient());
			try {
				count("recipient", subject("recipient", recipient), this.limits.perRecipient());
			}
			catch (MailRequestsLimitedException ex) {
				giveBack(clientSubject);
				throw ex;
			}
		});
	}

	/**
	 * Counts one mail for {@code recipient} alone: one that goes with another mail the
	 * client was already counted for, such as the notice to an account's previous address
	 * beside the verification link to its new one.
	 * @throws MailRequestsLimitedException when the recipient's count is past its limit
	 */
	public void takeForRecipient(String recipient) {
		this.ownStatements.executeWithoutResult(
				(status) -> count("recipient", subject("recipient", recipient), this.limits.perRecipient()));
	}

	private static String subject(String kind, String value) {
		return digest(kind + ":" + value);
	}

	private void count(String kind, String subject, int limit) {
		while (true) {
			Instant now = this.clock.instant();
			if (countOnTop(subject, limit, now)) {
				return;
			}
			Count count = count(subject);
			if (count == null) {
				if (insert(subject, now)) {
					return;
				}
				continue;
			}
			Instant windowEnds = count.windowStartedAt().plus(this.limits.window());
			if (count.requests() >= limit && now.isBefore(windowEnds)) {
				Duration wait = Duration.between(now, windowEnds);
				events.warn("Mail requests limited: per={} retry_after={}s", kind, wait.toSeconds());
				throw new MailRequestsLimitedException(wait);
			}
		}
	}

	/**
	 * Counts one more request when the limit leaves room for it, starting a new window
	 * when the last one has ended. The database lets one such update of a row run at a
	 * time and checks the condition on the row as the one before left it.
	 */
	private boolean countOnTop(String subject, int limit, Instant now) {
		return this.jdbc.sql("""
				update mail_requests
				set requests = case when window_started_at <= :expired then 1 else requests + 1 end,
				    window_started_at = case when window_started_at <= :expired then :now else window_started_at end
				where subject = :subject and (window_started_at <= :expired or requests < :max)""")
			.param("expired", at(now.minus(this.limits.window())))
			.param("now", at(now))
			.param("max", limit)
			.param("subject", subject)
			.update() == 1;
	}

	/** Counts the first request of a subject; false when another one was first. */
	private boolean insert(String subject, Instant now) {
		try {
			this.jdbc.sql("insert into mail_requests (subject, requests, window_started_at) values (?, 1, ?)")
				.params(subject, at(now))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Uncounts a request that the recipient's limit refused: a client that shares its
	 * address with others (behind one NAT) does not use up their mails on refusals.
	 */
	private void giveBack(String subject) {
		this.jdbc.sql("update mail_requests set requests = requests - 1 where subject = ? and requests > 0")
			.param(subject)
			.update();
	}

	private Count count(String subject) {
		return this.jdbc.sql("select requests, window_started_at from mail_requests where subject = ?")
			.param(subject)
			.query((row, number) -> new Count(row.getInt(1), row.getObject(2, OffsetDateTime.class).toInstant()))
			.optional()
			.orElse(null);
	}

	/** Forgets counts whose window has ended. */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	public void forgetExpired() {
		this.jdbc.sql("delete from mail_requests where window_started_at <= ?")
			.param(at(this.clock.instant().minus(this.limits.window())))
			.update();
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** Clients and recipients are kept as digests: no address is stored. */
	private static String digest(String subject) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	private record Count(int requests, Instant windowStartedAt) {
	}

}
