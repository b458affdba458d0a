package dev.jwtauth.user;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@DataJpaTest
abstract class UserRepositoryTests {

	@Autowired
	private UserRepository users;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void saveThenRowHasNormalizedKeysFlagsAndTimestamps() {
		User saved = this.users.saveAndFlush(new User("John", "John.Doe@Example.COM", "{argon2}hash"));

		var row = this.jdbc.sql("select * from users where id = ?").param(saved.getId()).query().singleRow();
		assertThat(row).containsEntry("USERNAME", "John")
			.containsEntry("USERNAME_KEY", "john")
			.containsEntry("EMAIL", "John.Doe@example.com")
			.containsEntry("EMAIL_KEY", "john.doe@example.com")
			.containsEntry("PASSWORD_HASH", "{argon2}hash")
			.containsEntry("IS_ACTIVE", true)
			.containsEntry("IS_STAFF", false)
			.containsEntry("IS_SUPERUSER", false)
			.containsEntry("TOKEN_VERSION", 0)
			.containsEntry("EMAIL_VERIFIED", false);
		assertThat(row.get("CREATED_AT")).isNotNull();
		assertThat(row.get("UPDATED_AT")).isNotNull();
	}

	@Test
	void markEmailVerifiedThenStoredAndReadBack() {
		User saved = this.users.saveAndFlush(new User("john", "john@example.com", "{argon2}hash"));
		saved.markEmailVerified();
		this.users.saveAndFlush(saved);

		assertThat(emailVerified(saved)).isTrue();
	}

	@Test
	void changeEmailWhenAnotherAddressThenUnverified() {
		User saved = this.users.saveAndFlush(new User("john", "john@example.com", "{argon2}hash"));
		saved.markEmailVerified();
		this.users.saveAndFlush(saved);

		saved.changeEmail("john@example.org");
		this.users.saveAndFlush(saved);

		assertThat(emailVerified(saved)).isFalse();
	}

	@Test
	void changeEmailWhenOnlyCaseDiffersThenStillVerified() {
		User saved = this.users.saveAndFlush(new User("john", "john@example.com", "{argon2}hash"));
		saved.markEmailVerified();
		this.users.saveAndFlush(saved);

		saved.changeEmail("John@EXAMPLE.com");
		this.users.saveAndFlush(saved);

		assertThat(emailVerified(saved)).isTrue();
		assertThat(
				this.jdbc.sql("select email from users where id = ?").param(saved.getId()).query(String.class).single())
			.isEqualTo("John@example.com");
	}

	@Test
	void saveWhenUsernameDiffersOnlyInCaseThenDatabaseRefuses() {
		this.users.saveAndFlush(new User("Straße", "one@example.com", "{argon2}hash"));

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.users.saveAndFlush(new User("STRASSE", "two@example.com", "{argon2}hash")));
	}

	@Test
	void saveWhenEmailDiffersOnlyInCaseThenDatabaseRefuses() {
		this.users.saveAndFlush(new User("one", "Same@Example.com", "{argon2}hash"));

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.users.saveAndFlush(new User("two", "SAME@example.COM", "{argon2}hash")));
	}

	@Test
	void tokenSubjectsFindByIdThenCarriesWhatTheTokenFilterNeeds() {
		User saved = this.users.saveAndFlush(new User("john", "john@example.com", "{argon2}hash"));
		saved.makeSuperuser();
		this.users.saveAndFlush(saved);
		UserTokenSubjects subjects = new UserTokenSubjects(this.jdbc,
				new RefreshProperties(false, Duration.ofDays(30), Duration.ofDays(7), 20));

		assertThat(subjects.findById(saved.getId())).hasValueSatisfying((subject) -> {
			assertThat(subject.id()).isEqualTo(saved.getId());
			assertThat(subject.username()).isEqualTo("john");
			assertThat(subject.email()).isEqualTo("john@example.com");
			assertThat(subject.active()).isTrue();
			assertThat(subject.staff()).isTrue();
			assertThat(subject.superuser()).isTrue();
			assertThat(subject.tokenVersion()).isZero();
		});
		assertThat(subjects.findById(saved.getId() + 1000)).isEmpty();
	}

	@Test
	void existsByKeyAndIdNotThenIgnoresTheGivenUser() {
		User saved = this.users.saveAndFlush(new User("john", "john@example.com", "{argon2}hash"));

		assertThat(this.users.existsByUsernameKeyAndIdNot("john", saved.getId())).isFalse();
		assertThat(this.users.existsByUsernameKeyAndIdNot("john", 0)).isTrue();
		assertThat(this.users.existsByEmailKeyAndIdNot("john@example.com", saved.getId())).isFalse();
		assertThat(this.users.existsByEmailKeyAndIdNot("john@example.com", 0)).isTrue();
	}

	private boolean emailVerified(User user) {
		return this.jdbc.sql("select email_verified from users where id = ?")
			.param(user.getId())
			.query(Boolean.class)
			.single();
	}

}
