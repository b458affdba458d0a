package dev.jwtauth.security;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Single-use secrets for links sent by mail, each for one user and one purpose (such as a
 * password reset). Only a SHA-256 digest of each secret is stored, so that reading the
 * table opens no link; the secret itself exists only in the mail. Runs its statements in
 * the caller's transaction when there is one.
 */
public class OneTimeSecrets {

	/** The width of the purpose column. */
	private static final int MAX_PURPOSE_LENGTH = 32;

	private final JdbcClient jdbc;

	private final Clock clock;

	public OneTimeSecrets(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A new secret for the user and purpose; voids the user's earlier unused ones of that
	 * purpose, so that only the latest link sent works.
	 * @param boundTo what the secret stays valid for, chosen by the caller (a digest of
	 * the password hash, the email key): see {@link Use#stillBoundTo(String)}
	 * @param lifetime how long the secret may be used
	 * @return the secret, to be sent and never stored
	 */
	public String issue(long userId, String purpose, String boundTo, Duration lifetime) {
		requirePurpose(purpose);
		Objects.requireNonNull(boundTo, "boundTo");
		if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
			throw new IllegalArgumentException("A one-time secret needs a positive lifetime");
		}
		voidAll(userId, purpose);
		String secret = OpaqueSecrets.generate();
		this.jdbc
			.sql("insert into one_time_secrets (digest, user_id, purpose, bound_to, expires_at) values (?, ?, ?, ?, ?)")
			.params(OpaqueSecrets.digest(secret), userId, purpose, OpaqueSecrets.digest(boundTo),
					at(this.clock.instant().plus(lifetime)))
			.update();
		return secret;
	}

	/**
	 * Uses the secret up if it is unused, unexpired and of that purpose: of any number of
	 * concurrent callers, on any instance, exactly one gets it.
	 * @param secret what the client sent, trusted in no way
	 * @return the use, or empty when the secret is unknown, used, voided, expired, of
	 * another purpose or malformed
	 */
	public Optional<Use> use(String secret, String purpose) {
		if (!OpaqueSecrets.isWellFormed(secret) || purpose == null || purpose.length() > MAX_PURPOSE_LENGTH) {
			return Optional.empty();
		}
		String digest = OpaqueSecrets.digest(secret);
		// Read before using it up: a row never changes but may be forgotten once used,
		// so what is read here is what the winner used, even if the row is gone after.
		Optional<Use> issued = this.jdbc
			.sql("select user_id, bound_to from one_time_secrets where digest = ? and purpose = ?")
			.params(digest, purpose)
			.query((row, number) -> new Use(row.getLong(1), row.getString(2)))
			.optional();
		if (issued.isEmpty()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		// The database lets only one conditional update of the row succeed: a second one
		// waits for the first and then finds it used.
		int used = this.jdbc.sql("""
				update one_time_secrets set used_at = ?
				where digest = ? and purpose = ? and used_at is null and expires_at > ?""")
			.params(at(now), digest, purpose, at(now))
			.update();
		return (used == 1) ? issued : Optional.empty();
	}

	/**
	 * Whether the secret could be used now, without using it up: for refusing a bad one
	 * before costly work, such as hashing the password it would set.
	 */
	public boolean isUsable(String secret, String purpose) {
		if (!OpaqueSecrets.isWellFormed(secret) || purpose == null || purpose.length() > MAX_PURPOSE_LENGTH) {
			return false;
		}
		return this.jdbc.sql("""
				select count(*) from one_time_secrets
				where digest = ? and purpose = ? and used_at is null and expires_at > ?""")
			.params(OpaqueSecrets.digest(secret), purpose, at(this.clock.instant()))
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Voids every unused secret of the user for that purpose, for example once the
	 * password they would replace has changed.
	 */
	public void voidAll(long userId, String purpose) {
		this.jdbc.sql("delete from one_time_secrets where user_id = ? and purpose = ? and used_at is null")
			.params(userId, purpose)
			.update();
	}

	/** Forgets secrets that can no longer be used: expired or used up. */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	public void forgetExpired() {
		this.jdbc.sql("delete from one_time_secrets where expires_at <= ? or used_at is not null")
			.param(at(this.clock.instant()))
			.update();
	}

	private static void requirePurpose(String purpose) {
		if (purpose == null || purpose.isEmpty() || purpose.length() > MAX_PURPOSE_LENGTH) {
			throw new IllegalArgumentException("A purpose is 1 to " + MAX_PURPOSE_LENGTH + " characters");
		}
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * A secret used up.
	 *
	 * @param userId the user it was issued for
	 * @param boundTo the digest of what it was issued bound to, as stored
	 */
	public record Use(long userId, String boundTo) {

		/**
		 * Whether the secret is still bound to {@code current}: the value the caller
		 * chose at issue, as it is now. Compared in constant time.
		 */
		public boolean stillBoundTo(String current) {
			if (current == null) {
				return false;
			}
			return MessageDigest.isEqual(OpaqueSecrets.sha256(current), HexFormat.of().parseHex(this.boundTo));
		}

	}

}
