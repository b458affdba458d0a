package dev.jwtauth.user;

import dev.jwtauth.security.CredentialsConfig;
import dev.jwtauth.security.PasswordHasher;
import dev.jwtauth.security.PasswordHashingBusyException;
import dev.jwtauth.throttle.ThrottleConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

/**
 * A password kept in an outdated hash is hashed again at its first signin, or at a later
 * one while hashing is at capacity.
 */
@DataJpaTest
@ActiveProfiles("test")
@Import({ SigninService.class, CredentialsConfig.class, ThrottleConfig.class, SessionConfig.class })
@ImportAutoConfiguration(ValidationAutoConfiguration.class)
@EnableConfigurationProperties(RecoveryProperties.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@ExtendWith(OutputCaptureExtension.class)
class SigninRehashTests {

	private static final String PASSWORD = "correct horse";

	/**
	 * Argon2id at OWASP's older minimum, 19 MiB and 2 passes: fewer passes than today.
	 */
	private static final String OUTDATED_HASH = "{argon2}"
			+ new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2).encode(PASSWORD);

	@Autowired
	private SigninService signins;

	@MockitoSpyBean
	private PasswordHasher passwords;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void outdatedUser() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
		this.jdbc.sql("""
				insert into users (username, username_key, email, email_key, password_hash, created_at, updated_at)
				values ('john', 'john', 'john@example.com', 'john@example.com', ?, current_timestamp,
				        current_timestamp)""").param(OUTDATED_HASH).update();
	}

	@Test
	void signinWhenHashOutdatedThenHashedAgainWithTheCurrentParameters() {
		this.signins.signin(new SigninRequest("john", null, PASSWORD), new Client("192.0.2.1", "test"));

		assertThat(passwordHash()).startsWith("{argon2}$argon2id$v=19$m=7168,t=5,p=1$");
		assertThat(this.signins.signin(new SigninRequest("john", null, PASSWORD), new Client("192.0.2.1", "test"))
			.username()).isEqualTo("john");
	}

	@Test
	void signinWhenHashingAtCapacityForTheUpgradeThenSignedInAndUpgradedLater(CapturedOutput output) {
		doThrow(new PasswordHashingBusyException()).when(this.passwords).hash(any());

		UserResponse response = this.signins.signin(new SigninRequest("john", null, PASSWORD),
				new Client("192.0.2.1", "test"));

		assertThat(response.username()).isEqualTo("john");
		assertThat(passwordHash()).isEqualTo(OUTDATED_HASH);
		assertThat(output).contains("Password hash upgrade postponed, hashing at capacity: user=");
		reset(this.passwords);
		this.signins.signin(new SigninRequest("john", null, PASSWORD), new Client("192.0.2.1", "test"));
		assertThat(passwordHash()).startsWith("{argon2}$argon2id$v=19$m=7168,t=5,p=1$");
	}

	private String passwordHash() {
		return this.jdbc.sql("select password_hash from users").query(String.class).single();
	}

}
