package dev.jwtauth.user;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import dev.jwtauth.security.AuthMetrics;
import dev.jwtauth.security.OpaqueSecrets;
import dev.jwtauth.security.TokenPrincipal;
import dev.jwtauth.security.TokenService;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Sessions and their refresh tokens. A signin begins a session and hands out its first
 * refresh token; each refresh uses that token up and hands out the next, with a new
 * access token of the session. A token used up and presented again is a copy in someone
 * else's hands: the whole session ends at once. Only SHA-256 digests of refresh tokens
 * are stored.
 * <p>
 * A session lives while the user is active and its token version is the one it began
 * with, so that signing out, a new password and a reset end every session; until its
 * absolute lifetime; and while it is refreshed within its idle lifetime.
 */
class Sessions {

	private static final int ID_BYTES = 16;

	/**
	 * Used refresh tokens kept per session to recognise their reuse: with tokens of 15
	 * minutes, those of the last day.
	 */
	static final int KEPT_USED_TOKENS = 100;

	private static final int MAX_ADDRESS_LENGTH = 64;

	private static final int MAX_USER_AGENT_LENGTH = 256;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	/** Authentication events, for operators and alerting: never a token. */
	private static final Logger events = LoggerFactory.getLogger("dev.jwtauth.auth");

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final TokenService tokens;

	private final RefreshProperties properties;

	private final MeterRegistry metrics;

	private final Clock clock;

	Sessions(JdbcClient jdbc, TransactionOperations transactions, TokenService tokens, RefreshProperties properties,
			MeterRegistry metrics, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.tokens = tokens;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	boolean enabled() {
		return this.properties.enabled();
	}

	/**
	 * The answer to a signin, a signup or a new password: the user with a new token and,
	 * when refresh tokens are on, a new session and its first refresh token. Runs in the
	 * caller's transaction when there is one.
	 */
	UserResponse begin(User user, Client client) {
		if (!this.properties.enabled()) {
			return UserResponse.of(user, this.tokens);
		}
		Instant now = this.clock.instant();
		String id = ENCODER.encodeToString(randomBytes(ID_BYTES));
		String refreshToken = OpaqueSecrets.generate();
		this.transactions.executeWithoutResult((status) -> {
			endLeastRecentlyUsed(user.getId());
			this.jdbc.sql("""
					insert into sessions (id, user_id, token_version, created_at, last_used_at, expires_at,
					client_address, user_agent) values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, user.getId(), user.getTokenVersion(), at(now), at(now),
						at(now.plus(this.properties.lifetime())), storable(client.address(), MAX_ADDRESS_LENGTH),
						storable(client.userAgent(), MAX_USER_AGENT_LENGTH))
				.update();
			this.jdbc.sql("insert into refresh_tokens (digest, session_id) values (?, ?)")
				.params(OpaqueSecrets.digest(refreshToken), id)
				.update();
		});
		return new UserResponse(user.getEmail(), user.getUsername(),
				this.tokens.issue(user.getId(), user.getTokenVersion(), id), refreshToken);
	}

	/** Makes room for one more session: the user's least recently used ones end. */
	private void endLeastRecentlyUsed(long userId) {
		this.jdbc.sql("select id from sessions where user_id = ? order by last_used_at desc, id offset ? rows")
			.params(userId, this.properties.maxSessions() - 1)
			.query(String.class)
			.list()
			.forEach((id) -> this.jdbc.sql("delete from sessions where id = ?").param(id).update());
	}

	/**
	 * Uses a refresh token up for a new access token and the next refresh token. Of
	 * several requests with the same token, whether concurrent or not, the first is
	 * answered and every later one is reuse, which ends the session: its access tokens
	 * and refresh tokens, the first answer's included, stop working at once.
	 * @throws UserValidationException when the token is unknown, used, expired, or of an
	 * ended session, all with the same message
	 */
	UserResponse refresh(RefreshRequest request, Client client) {
		FieldErrors errors = new FieldErrors();
		if (request.refreshToken() == null) {
			errors.add("refreshToken", Messages.REQUIRED).throwIfAny();
		}
		if (!this.properties.enabled()) {
			errors.add("refreshToken", Messages.REFRESH_TOKENS_OFF).throwIfAny();
		}
		Refresh refresh = OpaqueSecrets.isWellFormed(request.refreshToken())
				? this.transactions.execute((status) -> rotate(OpaqueSecrets.digest(request.refreshToken())))
				: Refresh.refused("unknown", null, null);
		if (refresh.response() == null) {
			if (refresh.outcome().equals("reuse")) {
				events.warn("Refresh token reused, session ended: user={} session={} client={}", refresh.userId(),
						refresh.sessionId(), client.address());
			}
			else {
				events.info("Refresh refused ({}): client={}", refresh.outcome(), client.address());
			}
			count(refresh.outcome());
			errors.add("refreshToken", Messages.INVALID_REFRESH_TOKEN).throwIfAny();
		}
		count("success");
		return refresh.response();
	}

	/** One refresh, in one transaction, under the lock of the session's row. */
	private Refresh rotate(String digest) {
		Optional<String> sessionId = this.jdbc.sql("select session_id from refresh_tokens where digest = ?")
			.param(digest)
			.query(String.class)
			.optional();
		if (sessionId.isEmpty()) {
			return Refresh.refused("unknown", null, null);
		}
		String id = sessionId.get();
		Optional<LockedSession> locked = this.jdbc.sql("""
				select user_id, token_version, expires_at, last_used_at from sessions where id = ? for update""")
			.param(id)
			.query((row, number) -> new LockedSession(row.getLong(1), row.getInt(2), instant(row, 3), instant(row, 4)))
			.optional();
		if (locked.isEmpty()) {
			return Refresh.refused("ended", null, id);
		}
		LockedSession session = locked.get();
		Instant now = this.clock.instant();
		// Used up here, under the lock: a refresh that held it before finds it
		// used. Every refusal below deletes the session, and this mark with it.
		int unused = this.jdbc.sql("update refresh_tokens set used_at = ? where digest = ? and used_at is null")
			.params(at(now), digest)
			.update();
		if (unused == 0) {
			end(id);
			return Refresh.refused("reuse", session.userId(), id);
		}
		if (!now.isBefore(session.expiresAt())
				|| !now.isBefore(session.lastUsedAt().plus(this.properties.idleLifetime()))) {
			end(id);
			return Refresh.refused("expired", session.userId(), id);
		}
		Optional<Account> user = this.jdbc
			.sql("select username, email, is_active, token_version from users where id = ?")
			.param(session.userId())
			.query((row, number) -> new Account(row.getString(1), row.getString(2), row.getBoolean(3), row.getInt(4)))
			.optional()
			.filter((account) -> account.active() && account.tokenVersion() == session.tokenVersion());
		if (user.isEmpty()) {
			end(id);
			return Refresh.refused("ended", session.userId(), id);
		}
		String next = OpaqueSecrets.generate();
		forgetOldestUsed(id);
		this.jdbc.sql("insert into refresh_tokens (digest, session_id) values (?, ?)")
			.params(OpaqueSecrets.digest(next), id)
			.update();
		this.jdbc.sql("update sessions set last_used_at = ? where id = ?").params(at(now), id).update();
		Account found = user.get();
		return new Refresh("success", session.userId(), id, new UserResponse(found.email(), found.username(),
				this.tokens.issue(session.userId(), session.tokenVersion(), id), next));
	}

	/**
	 * Keeps the session's most recently used tokens only, those whose reuse is likeliest,
	 * so that a client refreshing without pause cannot grow the table without end.
	 */
	private void forgetOldestUsed(String sessionId) {
		this.jdbc.sql("""
				select digest from refresh_tokens where session_id = ? and used_at is not null
				order by used_at desc, digest offset ? rows""")
			.params(sessionId, KEPT_USED_TOKENS)
			.query(String.class)
			.list()
			.forEach((digest) -> this.jdbc.sql("delete from refresh_tokens where digest = ?").param(digest).update());
	}

	/** The user's live sessions, the most recently used first. */
	SessionList list(TokenPrincipal principal) {
		Instant now = this.clock.instant();
		return new SessionList(this.jdbc.sql("""
				select s.id, s.created_at, s.last_used_at, s.expires_at, s.client_address, s.user_agent
				from sessions s join users u on u.id = s.user_id
				where s.user_id = ? and s.token_version = u.token_version and s.expires_at > ? and s.last_used_at > ?
				order by s.last_used_at desc, s.id""")
			.params(principal.id(), at(now), at(now.minus(this.properties.idleLifetime())))
			.query((row, number) -> new SessionView(row.getString(1), instant(row, 2), instant(row, 3), instant(row, 4),
					row.getString(5), row.getString(6), row.getString(1).equals(principal.sessionId())))
			.list());
	}

	/**
	 * Locks the row of the session {@code principal}'s token was issued in, inside the
	 * caller's transaction, if the session is still live: the user's, neither expired nor
	 * idle too long.
	 * @return whether it is
	 */
	boolean lockLive(TokenPrincipal principal) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				select id from sessions where id = ? and user_id = ? and expires_at > ? and last_used_at > ?
				for update""")
			.params(principal.sessionId(), principal.id(), at(now), at(now.minus(this.properties.idleLifetime())))
			.query(String.class)
			.optional()
			.isPresent();
	}

	/**
	 * Ends one of the user's sessions: its refresh token and its access tokens stop
	 * working at once.
	 * @throws AccountNotFoundException when the user has no session of that name
	 */
	void end(TokenPrincipal principal, String id) {
		int ended = this.jdbc.sql("delete from sessions where id = ? and user_id = ?")
			.params(id, principal.id())
			.update();
		if (ended == 0) {
			throw new AccountNotFoundException();
		}
		events.info("Session ended by its user: user={} session={}", principal.id(), id);
	}

	private void end(String id) {
		this.jdbc.sql("delete from sessions where id = ?").param(id).update();
	}

	/**
	 * Forgets sessions that can no longer be refreshed: expired, idle too long, or of an
	 * earlier token version.
	 */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
	void forgetEnded() {
		Instant now = this.clock.instant();
		this.jdbc.sql("delete from sessions where expires_at <= ? or last_used_at <= ?")
			.params(at(now), at(now.minus(this.properties.idleLifetime())))
			.update();
		this.jdbc.sql("""
				delete from sessions
				where token_version <> (select users.token_version from users where users.id = sessions.user_id)""")
			.update();
	}

	private void count(String outcome) {
		this.metrics.counter(AuthMetrics.REFRESHES, "outcome", outcome).increment();
	}

	private byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		this.random.nextBytes(bytes);
		return bytes;
	}

	/**
	 * Text a client sent, fit for any database: printable characters only, no longer than
	 * the column.
	 */
	private static String storable(String text, int maxLength) {
		StringBuilder kept = new StringBuilder();
		text.codePoints()
			.filter(Sessions::isPrintable)
			.takeWhile((c) -> kept.length() + Character.charCount(c) <= maxLength)
			.forEach(kept::appendCodePoint);
		return kept.toString();
	}

	/**
	 * Whether a character shows as itself: not a control, an unassigned or lone surrogate
	 * code point, a private-use one, a line or paragraph separator, or a format character
	 * (such as a right-to-left override or a zero-width space) that changes how the text
	 * around it reads.
	 */
	private static boolean isPrintable(int c) {
		int type = Character.getType(c);
		return type != Character.CONTROL && type != Character.UNASSIGNED && type != Character.SURROGATE
				&& type != Character.PRIVATE_USE && type != Character.FORMAT && type != Character.LINE_SEPARATOR
				&& type != Character.PARAGRAPH_SEPARATOR;
	}

	private static Instant instant(ResultSet row, int column) throws SQLException {
		return row.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private record Account(String username, String email, boolean active, int tokenVersion) {
	}

	private record LockedSession(long userId, int tokenVersion, Instant expiresAt, Instant lastUsedAt) {
	}

	/** What a refresh came to: an answer, or the reason there is none. */
	private record Refresh(String outcome, Long userId, String sessionId, UserResponse response) {

		static Refresh refused(String outcome, Long userId, String sessionId) {
			return new Refresh(outcome, userId, sessionId, null);
		}

	}

}
