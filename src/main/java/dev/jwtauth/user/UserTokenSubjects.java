package dev.jwtauth.user;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import dev.jwtauth.security.TokenSubject;
import dev.jwtauth.security.TokenSubjects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The user behind a token, read on every authenticated request: one primary-key lookup of
 * the columns the token check and the user's own responses need, in one statement without
 * a persistence context or a transaction around it.
 */
@Component
class UserTokenSubjects implements TokenSubjects {

	private static final String SUBJECT_BY_ID = """
			select id, username, email, is_active, is_staff, is_superuser, token_version
			from users where id = ?""";

	/**
	 * The same, and whether the token's session is live: the user's, of the user's
	 * current token version, neither expired nor idle too long. A left join, so that an
	 * ended session still finds the user and its token is refused as revoked.
	 */
	private static final String SUBJECT_IN_SESSION = """
			select u.id, u.username, u.email, u.is_active, u.is_staff, u.is_superuser, u.token_version, s.id
			from users u left join sessions s
			on s.id = ? and s.user_id = u.id and s.token_version = u.token_version and s.expires_at > ?
			and s.last_used_at > ?
			where u.id = ?""";

	private final JdbcClient jdbc;

	private final Clock clock = Clock.systemUTC();

	private final Duration idleLifetime;

	UserTokenSubjects(JdbcClient jdbc, RefreshProperties refresh) {
		this.jdbc = jdbc;
		this.idleLifetime = refresh.idleLifetime();
	}

	@Override
	public Optional<TokenSubject> findById(long id) {
		return this.jdbc.sql(SUBJECT_BY_ID)
			.param(id)
			.query((row, number) -> new TokenSubject(row.getLong(1), row.getString(2), row.getString(3),
					row.getBoolean(4), row.getBoolean(5), row.getBoolean(6), row.getInt(7)))
			.optional();
	}

	@Override
	public Optional<TokenSubject> findById(long id, String sessionId) {
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
		return this.jdbc.sql(SUBJECT_IN_SESSION)
			.params(sessionId, now, now.minus(this.idleLifetime), id)
			.query((row, number) -> new TokenSubject(row.getLong(1), row.getString(2), row.getString(3),
					row.getBoolean(4), row.getBoolean(5), row.getBoolean(6), row.getInt(7), row.getString(8) == null))
			.optional();
	}

}
