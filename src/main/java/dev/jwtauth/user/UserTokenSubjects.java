package dev.jwtauth.user;

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

	private final JdbcClient jdbc;

	UserTokenSubjects(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<TokenSubject> findById(long id) {
		return this.jdbc.sql(SUBJECT_BY_ID)
			.param(id)
			.query((row, number) -> new TokenSubject(row.getLong(1), row.getString(2), row.getString(3),
					row.getBoolean(4), row.getBoolean(5), row.getBoolean(6), row.getInt(7)))
			.optional();
	}

}
