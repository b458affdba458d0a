package dev.jwtauth.user;

import java.util.List;

import dev.jwtauth.Concurrently;
import dev.jwtauth.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.jwtauth.TokenRequests.exchange;
import static dev.jwtauth.TokenRequests.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every check of a password a client typed is a guess, limited per account and client
 * address: signins, and the current password that confirms a change or a deletion. The
 * limits count guesses, not requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
@Tag("slow")
abstract class PasswordGuessLimitTests {

	private static final String RIGHT = TestUsers.PASSWORD;

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void clear() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
	}

	@Test
	void signinWhenSixteenAtOnceWithTheRightPasswordThenAllSucceedAndTheAddressStaysFree() throws Exception {
		TestUsers.signup(this.client, "john");

		List<Integer> statuses = Concurrently.times(16, () -> signin("username", "john", RIGHT));

		assertThat(statuses).containsOnly(200);
		assertThat(signin("username", "john", "wrong-password")).isEqualTo(400);
		assertThat(signin("username", "john", RIGHT)).isEqualTo(200);
	}

	@Test
	void signinWhenTwentyWrongAtOnceThenOnlyFiveCheckedAndTheRestThrottled() throws Exception {
		TestUsers.signup(this.client, "john");

		List<Integer> statuses = Concurrently.times(20, () -> signin("username", "john", "wrong-password"));

		assertThat(statuses).filteredOn((status) -> status == 400).hasSize(5);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSize(15);
		assertThat(signin("username", "john", RIGHT)).isEqualTo(429);
	}

	@Test
	void signinWhenAccountNamedByUsernameThenByEmailThenOneBudget() {
		TestUsers.signup(this.client, "john");
		for (int i = 0; i < 5; i++) {
			assertThat(signin("username", "john", "guess-" + i)).isEqualTo(400);
		}

		assertThat(signin("email", "John@Example.com", "another-guess")).isEqualTo(429);
		assertThat(signin("email", "john@example.com", RIGHT)).isEqualTo(429);
	}

	@Test
	void signinWhenThrottledThenTheRefusalsCountNothingAgainstTheAddress() {
		TestUsers.signup(this.client, "john");
		TestUsers.signup(this.client, "jane");
		for (int i = 0; i < 5; i++) {
			assertThat(signin("username", "john", "guess-" + i)).isEqualTo(400);
		}
		for (int i = 0; i < 50; i++) {
			assertThat(signin("username", "john", RIGHT)).isEqualTo(429);
		}

		assertThat(signin("username", "jane", RIGHT)).isEqualTo(200);
		assertThat(
				this.jdbc.sql("select failures from signin_failures where account = '*'").query(Integer.class).single())
			.isEqualTo(5);
	}

	@Test
	void updateCurrentWhenCurrentPasswordGuessedTooOftenThen429AndNothingChanged(CapturedOutput output) {
		String token = TestUsers.signup(this.client, "john");
		for (int i = 0; i < 5; i++) {
			EntityExchangeResult<String> wrong = changePassword(token, "guess-" + i);
			assertThat(wrong.getStatus().value()).isEqualTo(400);
			assertThat(read(wrong, "$.user.errors.current_password[0]")).isEqualTo("Current password is incorrect.");
		}
		String hash = passwordHash();

		EntityExchangeResult<String> throttled = changePassword(token, RIGHT);

		assertThat(throttled.getStatus().value()).isEqualTo(429);
		assertThat(throttled.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull();
		assertThat(read(throttled, "$.user.errors.error[0]")).startsWith("Too many failed password attempts.");
		assertThat(passwordHash()).isEqualTo(hash);
		assertThat(status(this.client.get().uri("/users/current/"), token)).isEqualTo(200);
		assertThat(output).contains("Password confirmation refused: user=");
	}

	@Test
	void putOrPatchCurrentWhenCurrentPasswordGuessedThenCountedLikeUpdateCurrent() {
		String token = TestUsers.signup(this.client, "john");
		for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.PUT, HttpMethod.PATCH,
				HttpMethod.PUT)) {
			assertThat(status(this.client.method(method)
				.uri("/users/current/")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"user\":{\"password\":\"new-password\",\"current_password\":\"guess\"}}"), token))
				.isEqualTo(400);
		}

		assertThat(changePassword(token, RIGHT).getStatus().value()).isEqualTo(429);
	}

	@Test
	void deleteCurrentWhenPasswordGuessedTooOftenThen429AndAccountStays() {
		String token = TestUsers.signup(this.client, "john");
		for (int i = 0; i < 5; i++) {
			assertThat(deleteCurrent(token, "guess-" + i)).isEqualTo(400);
		}

		assertThat(deleteCurrent(token, RIGHT)).isEqualTo(429);
		assertThat(this.jdbc.sql("select count(*) from users").query(Long.class).single()).isOne();
	}

	@Test
	void signinWhenTheCurrentPasswordWasGuessedWithAStolenTokenThenTheSameBudget() {
		String token = TestUsers.signup(this.client, "john");
		for (int i = 0; i < 3; i++) {
			assertThat(deleteCurrent(token, "guess-" + i)).isEqualTo(400);
		}
		for (int i = 0; i < 2; i++) {
			assertThat(signin("email", "john@example.com", "guess-" + i)).isEqualTo(400);
		}

		assertThat(signin("username", "john", RIGHT)).isEqualTo(429);
	}

	private int signin(String field, String value, String password) {
		return status(this.client.post()
			.uri("/users/signin/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"%s\":\"%s\",\"password\":\"%s\"}}".formatted(field, value, password)), null);
	}

	private EntityExchangeResult<String> changePassword(String token, String currentPassword) {
		return exchange(this.client.post()
			.uri("/users/update_current/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"password\":\"new-password\",\"current_password\":\"%s\"}}".formatted(currentPassword)),
				token);
	}

	private int deleteCurrent(String token, String password) {
		return status(this.client.method(HttpMethod.DELETE)
			.uri("/users/current/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"password\":\"%s\"}}".formatted(password)), token);
	}

	private String passwordHash() {
		return this.jdbc.sql("select password_hash from users where username = 'john'").query(String.class).single();
	}

	private static int status(RestTestClient.RequestHeadersSpec<?> request, String token) {
		return exchange(request, token).getStatus().value();
	}

}
