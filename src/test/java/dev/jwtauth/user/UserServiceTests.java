package dev.jwtauth.user;

import dev.jwtauth.security.CredentialsConfig;
import dev.jwtauth.security.TokenPrincipal;
import dev.jwtauth.throttle.ThrottleConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The service on a real database, committing as it does in production.
 */
@DataJpaTest
@ActiveProfiles("test")
@Import({ UserService.class, SigninService.class, UserTokenSubjects.class, CredentialsConfig.class,
		ThrottleConfig.class, RecoveryConfig.class, SessionConfig.class })
@ImportAutoConfiguration(ValidationAutoConfiguration.class)
@MockitoBean(types = AccountMails.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class UserServiceTests {

	private static final Client CLIENT = new Client("192.0.2.1", "test");

	@Autowired
	private UserService service;

	@Autowired
	private SigninService signins;

	@Autowired
	private UserRepository users;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void clear() {
		this.users.deleteAll();
		this.jdbc.sql("delete from signin_failures").update();
	}

	@Test
	void signupThenStoresOnlyAnArgon2idHash() {
		this.service.signup(new SignupRequest("john", "john@example.com", "correct horse"), CLIENT);

		String hash = this.jdbc.sql("select password_hash from users").query(String.class).single();
		assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=7168,t=5,p=1$").doesNotContain("correct horse");
	}

	@Test
	void signupWhenPasswordsDifferOnlyInTheLastOf128CharactersThenOnlyTheSameOneSignsIn() {
		String password = "ü".repeat(127) + "a";
		String almost = "ü".repeat(127) + "b";
		this.service.signup(new SignupRequest("john", "john@example.com", password), CLIENT);

		assertThat(this.signins.signin(new SigninRequest("john", null, password), CLIENT).username()).isEqualTo("john");
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> this.signins.signin(new SigninRequest("john", null, almost), CLIENT));
	}

	@Test
	void signupWhenPasswordIs128CharactersBeyondTheBasicPlaneThenAccepted() {
		String password = "😀".repeat(128);

		this.service.signup(new SignupRequest("john", "john@example.com", password), CLIENT);

		assertThat(this.signins.signin(new SigninRequest(null, "JOHN@example.com", password), CLIENT).email())
			.isEqualTo("john@example.com");
	}

	@Test
	void signupWhenInvalidThenEveryFieldReportedAndNothingStored() {
		assertThatExceptionOfType(UserValidationException.class)
			.isThrownBy(() -> this.service.signup(new SignupRequest("john doe", "not-an-email", "short"), CLIENT))
			.satisfies((ex) -> assertThat(ex.errors()).containsOnlyKeys("username", "email", "password"));
		assertThat(this.users.count()).isZero();
	}

	@Test
	void signupWhenBadFormatAndDuplicateThenBothReported() {
		this.service.signup(new SignupRequest("john", "john@example.com", "password1"), CLIENT);

		assertThatExceptionOfType(UserValidationException.class)
			.isThrownBy(() -> this.service.signup(new SignupRequest("JOHN", "bad", "password1"), CLIENT))
			.satisfies((ex) -> {
				assertThat(ex.errors().get("username")).containsExactly(Messages.DUPLICATE_USERNAME);
				assertThat(ex.errors().get("email")).containsExactly(Messages.INVALID_EMAIL);
			});
		assertThat(this.users.count()).isOne();
	}

	@Test
	void signinWhenInactiveThenSameRefusalAsWrongPassword() {
		this.service.signup(new SignupRequest("john", "john@example.com", "password1"), CLIENT);
		this.jdbc.sql("update users set is_active = false").update();

		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> this.signins.signin(new SigninRequest("john", null, "password1"), CLIENT))
			.withMessage(Messages.BAD_CREDENTIALS);
	}

	@Test
	void updateWhenPasswordChangedThenTokenVersionAdvancesAndHashChanges() {
		UserResponse signedUp = this.service.signup(new SignupRequest("john", "john@example.com", "password1"), CLIENT);
		long id = this.users.findByUsernameKey("john").orElseThrow().getId();
		String oldHash = this.users.findById(id).orElseThrow().getPasswordHash();

		UserResponse updated = this.service.update(principal(id),
				new UpdateRequest(null, null, "password2", "password1"), CLIENT);

		User user = this.users.findById(id).orElseThrow();
		assertThat(user.getTokenVersion()).isOne();
		assertThat(user.getPasswordHash()).isNotEqualTo(oldHash);
		assertThat(updated.token()).isNotEqualTo(signedUp.token());
		assertThat(this.signins.signin(new SigninRequest("john", null, "password2"), CLIENT).username())
			.isEqualTo("john");
	}

	@Test
	void updateWhenOnlyEmailChangedThenTokenVersionStays() {
		this.service.signup(new SignupRequest("john", "john@example.com", "password1"), CLIENT);
		long id = this.users.findByUsernameKey("john").orElseThrow().getId();

		this.service.update(principal(id), new UpdateRequest("John", "new@Example.com", null, null), CLIENT);

		User user = this.users.findById(id).orElseThrow();
		assertThat(user.getTokenVersion()).isZero();
		assertThat(user.getUsername()).isEqualTo("John");
		assertThat(user.getEmail()).isEqualTo("new@example.com");
	}

	/** The principal of a token at the user's current token version. */
	private TokenPrincipal principal(long id) {
		User user = this.users.findById(id).orElseThrow();
		return new TokenPrincipal(id, user.getUsername(), user.getEmail(), false, false, "token",
				user.getTokenVersion(), null);
	}

}
