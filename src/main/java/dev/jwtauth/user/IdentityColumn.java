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

	/** Makes the next generated id greater than every id in the table. */
	void advancePastExistingIds() {
		long needed = this.jdbc.sql("select coalesce(max(id), 0) + 1 from users").query(Long.class).single();
		boolean postgres = "PostgreSQL".equals(this.jdbcTemplate
			.execute((ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName()));
		if (postgres) {
			advanceOnPostgres(needed);
		}
		else {
			advanceOnH2(needed);
		}
	}

	private void advanceOnPostgres(long needed) {
		String sequence = this.jdbc.sql("select pg_get_serial_sequence('users', 'id')").query(String.class).single();
		// The name comes from the database itself, not from input.
		long next = this.jdbc.sql("select case when is_called then last_value + 1 else last_value end from " + sequence)
			.query(Long.class)
			.single();
		if (needed > next) {
			this.jdbc.sql("select setval(:sequence, :last)")
				.param("sequence", sequence)
				.param("last", needed - 1)
				.query(Long.class)
				.single();
		}
	}

	private void advanceOnH2(long needed) {
		long next = this.jdbc.sql("""
				select identity_base from information_schema.columns
				where table_schema = current_schema and table_name = 'USERS' and column_name = 'ID'""")
			.query(Long.class)
			.single();
		if (needed > next) {
			// A plain number: DDL takes no parameters. H2 commits before DDL, so this
			// runs last.
			this.jdbc.sql("alter table users alter column id restart with " + needed).update();
		}
	}

}
