package dev.jwtauth.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.jwtauth.Concurrently;
import dev.jwtauth.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single-use secrets on a real database, with a clock the tests move.
 */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class OneTimeSecretsTests {

	private static final String RESET = "password-reset";

	private static final Duration HOUR = Duration.ofHours(1);

	@Autowired
	private JdbcClient jdbc;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));

	private OneTimeSecrets secrets;

	private long john;

	private long jane;

	@BeforeEach
	void setUp() {
		this.jdbc.sql("delete from one_time_secrets").update();
		this.jdbc.sql("delete from users").update();
		this.john = user("john");
		this.jane = user("jane");
		this.secrets = new OneTimeSecrets(this.jdbc, this.clock);
	}

	@Test
	void useWhenIssuedThenNamesTheUserOnce() {
		String secret = this.secrets.issue(this.john, RESET, "hash-1", HOUR);

		assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(this.secrets.use(secret, RESET)).hasValueSatisfying((use) -> {
			assertThat(use.userId()).isEqualTo(this.john);
			assertThat(use.stillBoundTo("hash-1")).isTrue();
		});
		assertThat(this.secrets.use(secret, RESET)).isEmpty();
	}

	@Test
	void useWhenAnotherPurposeThenEmptyAndTheSecretStaysUsable() {
		String secret = this.secrets.issue(this.john, RESET, "hash-1", HOUR);

		assertThat(this.secrets.use(secret, "email-verification")).isEmpty();
		assertThat(this.secrets.use(secret, RESET)).isPresent();
	}

	@Test
	void useWhenLifetimeOverThenEmpty() {
		String secret = this.secrets.issue(this.john, RESET, "hash-1", HOUR);
		String later = this.secrets.issue(this.jane, RESET, "hash-2", HOUR);

		this.clock.move(HOUR.minusSeconds(1));
		assertThat(this.secrets.use(later, RESET)).isPresent();
		this.clock.move(Duration.ofSeconds(1));
		assertThat(this.secrets.use(secret, RESET)).isEmpty();
	}

	@Test
	void issueWhenAnEarlierSecretUnusedThenOnlyTheNewerWorks() {
		String older = this.secrets.issue(this.john, RESET, "hash-1", HOUR);
		String otherPurpose = this.secrets.issue(this.john, "email-verification", "john@example.com", HOUR);
		String janes = this.secrets.issue(this.jane, RESET, "hash-2", HOUR);

		String newer = this.secrets.issue(this.john, RESET, "hash-1", HOUR);

		assertThat(newer).isNotEqualTo(older);
		assertThat(this.secrets.use(older, RESET)).isEmpty();
		assertThat(this.secrets.use(newer, RESET)).isPresent();
		assertThat(this.secrets.use(otherPurpose, "email-verification")).isPresent();
		assertThat(this.secrets.use(janes, RESET)).isPresent();
	}

	@Test
	void voidAllThenNoneOfTheUsersSecretsOfThatPurposeWorks() {
		String first = this.secrets.issue(this.john, RESET, "hash-1", HOUR);
		String otherPurpose = this.secrets.issue(this.john, "email-verification", "john@example.com", HOUR);
		String janes = this.secrets.issue(this.jane, RESET, "hash-2", HOUR);

		this.secrets.voidAll(this.john, RESET);

		assertThat(this.secrets.use(first, RESET)).isEmpty();
		assertThat(this.secrets.use(otherPurpose, "email-verification")).isPresent();
		assertThat(this.secrets.use(janes, RESET)).isPresent();
	}

	@Test
	void stillBoundToWhenTheValueChangedSinceIssueThenFalse() {
		String secret = this.secrets.issue(this.john, RESET, "hash-1", HOUR);

		OneTimeSecrets.Use use = this.secrets.use(secret, RESET).orElseThrow();

		assertThat(use.stillBoundTo("hash-1")).isTrue();
		assertThat(use.stillBoundTo("hash-2")).isFalse();
		assertThat(use.stillBoundTo("")).isFalse();
		assertThat(use.stillBoundTo(null)).isFalse();
	}

	@Test
	void issueThenOnlyDigestsAreStored() {
		String secret = this.secrets.issue(this.john, RESET, "john@example.com", HOUR);

		Map<String, Object> row = this.jdbc.sql("select * from one_time_secrets").query().singleRow();
		assertThat(row.values()).noneMatch((value) -> String.valueOf(value).contains(secret))
			.noneMatch((value) -> String.valueOf(value).contains("john@"));
		assertThat(row).containsEntry("DIGEST", sha256(secret)).containsEntry("BOUND_TO", sha256("john@example.com"));
	}

	@Test
	void forgetExpiredThenUsedAndExpiredRowsAreGone() {
		String used = this.secrets.issue(this.john, RESET, "hash-1", HOUR);
		this.secrets.use(used, RESET);
		this.secrets.issue(this.jane, RESET, "hash-2", Duration.ofMinutes(10));
		String current = this.secrets.issue(this.jane, "email-verification", "jane@example.com", HOUR);
		this.clock.move(Duration.ofMinutes(10));

		this.secrets.forgetExpired();

		assertThat(this.jdbc.sql("select digest from one_time_secrets").query(String.class).list())
			.containsExactly(sha256(current));
		assertThat(this.secrets.use(current, "email-verification")).isPresent();
	}

	@Test
	void deleteUserThenTheirSecretsAreGone() {
		this.secrets.issue(this.john, RESET, "hash-1", HOUR);
		String janes = this.secrets.issue(this.jane, RESET, "hash-2", HOUR);

		this.jdbc.sql("delete from users where id = ?").param(this.john).update();

		assertThat(this.jdbc.sql("select digest from one_time_secrets").query(String.class).list())
			.containsExactly(sha256(janes));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "short", "not/base64+at+all==", "' or '1'='1' --                            ",
			"'; delete from one_time_secrets; --         ", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "ÀAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
	void useWhenNotAnIssuedSecretThenEmpty(String garbage) {
		String secret = this.secrets.issue(this.john, RESET, "hash-1", HOUR);

		assertThat(this.secrets.use(garbage, RESET)).isEmpty();
		assertThat(this.secrets.use(secret, RESET)).as("the issued secret is untouched").isPresent();
	}

	@Test
	void useWhenHugeOrPrefixedWithTheSecretThenEmpty() {
		String secret = this.secrets.issue(this.john, RESET, "hash-1", HOUR);

		assertThat(this.secrets.use(secret.repeat(250), RESET)).isEmpty();
		assertThat(this.secrets.use("A".repeat(10 * 1024), RESET)).isEmpty();
		assertThat(this.secrets.use(secret + "A", RESET)).isEmpty();
		assertThat(this.secrets.use(secret.substring(1), RESET)).isEmpty();
		assertThat(this.secrets.use(secret, null)).isEmpty();
		assertThat(this.secrets.use(secret, RESET.repeat(100))).isEmpty();
		assertThat(this.secrets.use(secret, RESET)).isPresent();
	}

	@Test
	void useWhenTwentyAtOnceThenExactlyOneGetsIt() throws Exception {
		for (int round = 0; round < 3; round++) {
			String secret = this.secrets.issue(this.john, RESET, "hash-1", HOUR);

			List<Boolean> got = Concurrently.times(20, () -> this.secrets.use(secret, RESET).isPresent());

			assertThat(got).filteredOn(Boolean::booleanValue).hasSize(1);
		}
	}

	private long user(String name) {
		this.jdbc.sql("""
				insert into users (username, username_key, email, email_key, password_hash, created_at, updated_at)
				values (:name, :name, :email, :email, '{argon2}hash', current_timestamp, current_timestamp)""")
			.param("name", name)
			.param("email", name + "@example.com")
			.update();
		return this.jdbc.sql("select id from users where username = ?").param(name).query(Long.class).single();
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
