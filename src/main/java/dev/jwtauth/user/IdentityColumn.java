package dev.jwtauth.user;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The identity that numbers new users, moved past ids written explicitly so that new
 * accounts never take them. Never moved back: an id once used, by an account deleted
 * since, say, is never given again, since old tokens may still name it.
 */
final class IdentityColumn {

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	IdentityColumn(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = JdbcClient.create(jdbcTemplate);
	}

	/**
	 * The id the identity gives next: every smaller id may have been given to an account
	 * created here, unless an import moved the identity past it.
	 */
	long next() {
		if (isPostgres()) {
			// The name comes from the database itself, not from input.
			return this.jdbc
				.sql("select case when is_called then last_value + 1 else last_value end from " + sequence())
				.query(Long.class)
				.single();
		}
		return this.jdbc.sql("""
				select identity_base from information_schema.columns
				where table_schema = current_schema and table_name = 'USERS' and column_name = 'ID'""")
			.query(Long.class)
			.single();
	}

	/** The id the identity gives next once moved past every id in the table. */
	long nextPastExistingIds() {
		long needed = this.jdbc.sql("select coalesce(max(id), 0) + 1 from users").query(Long.class).single();
		return Math.max(needed, next());
	}

	/** Makes the next generated id greater than every id in the table. */
	void advancePastExistingIds() {
		long needed = nextPastExistingIds();
		if (needed <= next()) {
			return;
		}
		if (isPostgres()) {
			this.jdbc.sql("select setval(:sequence, :last)")
				.param("sequence", sequence())
				.param("last", needed - 1)
				.query(Long.class)
				.single();
		}
		else {
			// A plain number: DDL takes no parameters. H2 commits before DDL, so this
			// runs last.
			this.jdbc.sql("alter table users alter column id restart with " + needed).update();
		}
	}

	private String sequence() {
		return this.jdbc.sql("select pg_get_serial_sequence('users', 'id')").query(String.class).single();
	}

	boolean isPostgres() {
		return "PostgreSQL".equals(this.jdbcTemplate
			.execute((ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName()));
	}

}
