package dev.jwtauth.user;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.jayway.jsonpath.JsonPath;
import dev.jwtauth.Concurrently;
import dev.jwtauth.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract end to end: real HTTP on a random port, the real filter chain, a real
 * database. One suite, run on each database the service supports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
abstract class UserApiTests {

	private static final int CONCURRENT_REQUESTS = 20;

	@Autowired
	private RestTestClient client;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void clear() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
	}

	@Test
	void originalCurlExamplesWorkAsDocumented() {
		Response signup = post("/users/signup/",
				"{\"user\":{\"username\":\"john\",\"password\":\"12345678\",\"email\":\"test@email.net\"}}", null);
		assertThat(signup.status()).isEqualTo(201);
		assertThat(signup.read("$.user.email")).isEqualTo("test@email.net");
		assertThat(signup.read("$.user.username")).isEqualTo("john");
		assertThat(signup.read("$.user.token")).startsWith("eyJ");

		Response signin = post("/users/signin/", "{\"user\":{\"username\":\"john\",\"password\":\"12345678\"}}", null);
		assertThat(signin.status()).isEqualTo(200);
		assertThat(signin.read("$.user.email")).isEqualTo("test@email.net");
		assertThat(signin.read("$.user.username")).isEqualTo("john");
		String token = signin.read("$.user.token");

		Response update = post("/users/update_current/",
				"{\"user\":{\"username\":\"john\",\"email\":\"modified@email.net\"}}", token);
		assertThat(update.status()).isEqualTo(200);
		assertThat(update.read("$.user.email")).isEqualTo("modified@email.net");
		assertThat(update.read("$.user.username")).isEqualTo("john");
		assertThat(update.read("$.user.token")).startsWith("eyJ");
		assertThat(this.jdbc.sql("select email from users where username = 'john'").query(String.class).single())
			.isEqualTo("modified@email.net");
		for (Response response : List.of(signup, signin, update)) {
			assertThat(JsonPath.<Map<String, Object>>read(response.body(), "$.user"))
				.as("the original's bodies, no refresh token while refresh tokens are off")
				.containsOnlyKeys("email", "username", "token");
		}
	}

	@Test
	void refreshWhenRefreshTokensOffThenSaysSoAndNoSessions() {
		String token = signup("john", "john@example.com", "12345678").read("$.user.token");

		Response refresh = post("/users/token/refresh/", "{\"user\":{\"refresh_token\":\"" + "A".repeat(43) + "\"}}",
				null);
		Response sessions = get("/users/sessions/", token);

		assertThat(refresh.status()).isEqualTo(400);
		assertThat(refresh.read("$.user.errors.refresh_token[0]"))
			.isEqualTo("Refresh tokens are not enabled on this server.");
		assertThat(sessions.status()).isEqualTo(200);
		assertThat(sessions.body()).isEqualTo("{\"sessions\":[]}");
		assertThat(this.jdbc.sql("select count(*) from sessions").query(Long.class).single()).isZero();
	}

	@Test
	void tokenResponsesAreNotCachedAndCarrySecurityHeaders() {
		Response signup = signup("john", "john@example.com", "12345678");
		Response current = get("/users/current/", signup.read("$.user.token"));

		for (Response response : List.of(signup, current)) {
			assertThat(response.headers().getCacheControl()).contains("no-store");
			assertThat(response.headers().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.headers().getFirst("X-Frame-Options")).isEqualTo("DENY");
		}
	}

	@Test
	void signupThenTokenAuthenticatesAndBodyShowsNoPassword() {
		Response signup = signup("john", "john@example.com", "12345678");

		Response current = get("/users/current", signup.read("$.user.token"));

		assertThat(current.status()).isEqualTo(200);
		assertThat(current.body()).contains("\"username\":\"john\"")
			.doesNotContain("12345678")
			.doesNotContain("password");
		assertThat(current.read("$.user.token")).isEqualTo(signup.read("$.user.token"));
	}

	@Test
	void signupWhenFieldsMissingThenEachIsRequiredAndNothingStored() {
		Response response = post("/users/signup/", "{\"user\":{}}", null);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.read("$.user.errors.username[0]")).isEqualTo("This field is required.");
		assertThat(response.read("$.user.errors.email[0]")).isEqualTo("This field is required.");
		assertThat(response.read("$.user.errors.password[0]")).isEqualTo("This field is required.");
		assertThat(userCount()).isZero();
	}

	@Test
	void signupWhenEveryFieldInvalidThenAllReportedAtOnce() {
		Response response = signup("john doe", "not-an-email", "1234567");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.read("$.user.errors.username[0]")).isEqualTo(Messages.INVALID_USERNAME);
		assertThat(response.read("$.user.errors.email[0]")).isEqualTo(Messages.INVALID_EMAIL);
		assertThat(response.read("$.user.errors.password[0]")).isEqualTo(Messages.PASSWORD_TOO_SHORT);
		assertThat(userCount()).isZero();
	}

	@Test
	void signupWhenUsernameAtItsLimitsThenAcceptedOrRefused() {
		assertThat(signup("a".repeat(150), "a@example.com", "12345678").status()).isEqualTo(201);
		assertThat(signup("José.o+b-c_d@x", "b@example.com", "12345678").status()).isEqualTo(201);
		assertThat(signup("a".repeat(151), "c@example.com", "12345678").read("$.user.errors.username[0]"))
			.isEqualTo(Messages.USERNAME_TOO_LONG);
		assertThat(signup("", "d@example.com", "12345678").read("$.user.errors.username[0]")).isEqualTo(Messages.BLANK);
		assertThat(signup("john!", "e@example.com", "12345678").read("$.user.errors.username[0]"))
			.isEqualTo(Messages.INVALID_USERNAME);
		assertThat(userCount()).isEqualTo(2);
	}

	@Test
	void signupWhenInvisibleOrCombiningCharactersThenRefusedAndLettersOfAnyScriptAccepted() {
		for (String invisible : new String[] { "\u0301\u0301", "a\u200cb", "a\u200db", "ab\u0301\u0301",
				"\uD840\uDC00\uFE00", "\uD840\uDC00\uDB40\uDD00", "a\u203fb" }) {
			assertThat(signup(invisible, "x@example.com", "12345678").read("$.user.errors.username[0]"))
				.as("U+%04X…", invisible.codePointAt(0))
				.isEqualTo(Messages.INVALID_USERNAME);
		}
		assertThat(signup("e\u0301mile", "a@example.com", "12345678").read("$.user.username")).isEqualTo("\u00e9mile");
		assertThat(signup("\u5c71\u7530_2", "b@example.com", "12345678").status()).isEqualTo(201);
		assertThat(signup("\u0627\u062d\u0645\u062f", "c@example.com", "12345678").status()).isEqualTo(201);
		assertThat(userCount()).isEqualTo(3);
	}

	@Test
	void signupWhenLettersBeyondTheBasicPlaneAtTheLimitThenCountedOnceEach() {
		String ideograph = "\uD840\uDC00"; // U+20000: one letter, two UTF-16 units

		Response atTheLimit = signup(ideograph.repeat(150), "a@example.com", "12345678");
		Response beyond = signup(ideograph.repeat(151), "b@example.com", "12345678");

		assertThat(atTheLimit.status()).isEqualTo(201);
		assertThat(atTheLimit.read("$.user.username")).isEqualTo(ideograph.repeat(150));
		assertThat(beyond.read("$.user.errors.username[0]")).isEqualTo(Messages.USERNAME_TOO_LONG);
		assertThat(this.jdbc.sql("select username from users").query(String.class).single())
			.isEqualTo(ideograph.repeat(150));
	}

	@Test
	void signupWhenEmailInvalidOrTooLongThenRefused() {
		String local = "a".repeat(64);
		String longEmail = local + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".com";

		assertThat(signup("a", "user@localhost", "12345678").read("$.user.errors.email[0]"))
			.isEqualTo(Messages.INVALID_EMAIL);
		assertThat(signup("b", "user@@example.com", "12345678").read("$.user.errors.email[0]"))
			.isEqualTo(Messages.INVALID_EMAIL);
		assertThat(signup("c", longEmail, "12345678").read("$.user.errors.email")).asString()
			.contains(Messages.EMAIL_TOO_LONG);
		assertThat(userCount()).isZero();
	}

	@Test
	void signupThenEmailDomainStoredInLowerCaseAndLocalPartKept() {
		Response response = signup("john", "John.Doe@EXAMPLE.Com", "12345678");

		assertThat(response.read("$.user.email")).isEqualTo("John.Doe@example.com");
		assertThat(this.jdbc.sql("select email from users").query(String.class).single())
			.isEqualTo("John.Doe@example.com");
	}

	@Test
	void signupWhenPasswordLengthOutOfRangeThenRefused() {
		assertThat(signup("a", "a@example.com", "1234567").read("$.user.errors.password[0]"))
			.isEqualTo(Messages.PASSWORD_TOO_SHORT);
		assertThat(signup("b", "b@example.com", "x".repeat(129)).read("$.user.errors.password[0]"))
			.isEqualTo(Messages.PASSWORD_TOO_LONG);
		assertThat(signup("c", "c@example.com", "x".repeat(128)).status()).isEqualTo(201);
		assertThat(signup("d", "d@example.com", "12345678").status()).isEqualTo(201);
		assertThat(userCount()).isEqualTo(2);
	}

	@Test
	void signupWhenUsernameOrEmailTakenIgnoringCaseThenFieldErrorsAndNothingStored() {
		signup("john", "john@example.com", "12345678");

		Response response = signup("JOHN", "John@Example.COM", "12345678");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.read("$.user.errors.username[0]")).isEqualTo("user with this username already exists.");
		assertThat(response.read("$.user.errors.email[0]")).isEqualTo("user with this email already exists.");
		assertThat(userCount()).isOne();
	}

	@Test
	void signupWhenConcurrentWithSameUsernameDifferingInCaseThenExactlyOneCreated() throws Exception {
		List<Callable<Response>> signups = new ArrayList<>();
		for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
			String username = (i % 2 == 0) ? "racer" : "RaCeR";
			String email = "racer" + i + "@example.com";
			signups.add(() -> signup(username, email, "12345678"));
		}

		List<Response> responses = Concurrently.all(signups);

		assertOneCreatedRestRefused(responses, "username", Messages.DUPLICATE_USERNAME);
		assertThat(userCount()).isOne();
	}

	@Test
	void signupWhenConcurrentWithSameEmailDifferingInCaseThenExactlyOneCreated() throws Exception {
		List<Callable<Response>> signups = new ArrayList<>();
		for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
			String email = (i % 2 == 0) ? "racer@example.com" : "RACER@Example.COM";
			String username = "racer" + i;
			signups.add(() -> signup(username, email, "12345678"));
		}

		List<Response> responses = Concurrently.all(signups);

		assertOneCreatedRestRefused(responses, "email", Messages.DUPLICATE_EMAIL);
		assertThat(userCount()).isOne();
	}

	@Test
	void updateCurrentWhenTwoUsersTakeTheSameFreeUsernameAtOnceThenOneWins() throws Exception {
		String john = signup("john", "john@example.com", "12345678").read("$.user.token");
		String jane = signup("jane", "jane@example.com", "12345678").read("$.user.token");

		List<Response> responses = Concurrently
			.all(List.of(() -> post("/users/update_current/", "{\"user\":{\"username\":\"winner\"}}", john),
					() -> post("/users/update_current/", "{\"user\":{\"username\":\"WINNER\"}}", jane)));

		assertThat(responses).extracting(Response::status).containsExactlyInAnyOrder(200, 400);
		assertThat(responses).filteredOn((response) -> response.status() == 400)
			.singleElement()
			.satisfies((response) -> assertThat(response.read("$.user.errors.username[0]"))
				.isEqualTo(Messages.DUPLICATE_USERNAME));
		assertThat(this.jdbc.sql("select count(*) from users where username_key = 'winner'").query(Long.class).single())
			.isOne();
	}

	private static void assertOneCreatedRestRefused(List<Response> responses, String field, String message) {
		assertThat(responses).filteredOn((response) -> response.status() == 201).hasSize(1);
		assertThat(responses).filteredOn((response) -> response.status() != 201)
			.hasSize(responses.size() - 1)
			.allSatisfy((response) -> {
				assertThat(response.status()).isEqualTo(400);
				assertThat(response.read("$.user.errors." + field + "[0]")).isEqualTo(message);
			});
	}

	@Test
	void signinByUsernameOrEmailIgnoringCase() {
		signup("John", "john@example.com", "12345678");

		assertThat(signin("{\"username\":\"JOHN\",\"password\":\"12345678\"}").status()).isEqualTo(200);
		assertThat(signin("{\"email\":\"JOHN@EXAMPLE.COM\",\"password\":\"12345678\"}").read("$.user.username"))
			.isEqualTo("John");
	}

	@Test
	void signinWhenUsernameAndEmailGivenThenUsernameDecides() {
		signup("john", "john@example.com", "12345678");

		assertThat(
				signin("{\"username\":\"john\",\"email\":\"nobody@example.com\",\"password\":\"12345678\"}").status())
			.isEqualTo(200);
		assertThat(
				signin("{\"username\":\"nobody\",\"email\":\"john@example.com\",\"password\":\"12345678\"}").status())
			.isEqualTo(400);
	}

	@Test
	void signinThenTokenValidFor24HoursByDefault() {
		signup("john", "john@example.com", "12345678");
		String token = signin("{\"username\":\"john\",\"password\":\"12345678\"}").read("$.user.token");

		String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		long issuedAt = JsonPath.<Number>read(claims, "$.iat").longValue();
		long expiresAt = JsonPath.<Number>read(claims, "$.exp").longValue();
		assertThat(expiresAt - issuedAt).isEqualTo(24 * 3600);
		assertThat(JsonPath.<String>read(claims, "$.sub")).isEqualTo(JsonPath.<Number>read(claims, "$.id").toString());
	}

	@Test
	void signinWhenUnknownUserWrongPasswordOrInactiveThenSameRefusal() {
		signup("john", "john@example.com", "12345678");
		signup("jane", "jane@example.com", "12345678");
		this.jdbc.sql("update users set is_active = false where username = 'jane'").update();
		String refusal = "{\"user\":{\"errors\":{\"error\":[\"" + Messages.BAD_CREDENTIALS + "\"]}}}";

		for (String credentials : List.of("{\"username\":\"nobody\",\"password\":\"12345678\"}",
				"{\"username\":\"john\",\"password\":\"wrong-password\"}",
				"{\"email\":\"nobody@example.com\",\"password\":\"12345678\"}",
				"{\"username\":\"jane\",\"password\":\"12345678\"}")) {
			Response response = signin(credentials);
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.body()).isEqualTo(refusal);
		}
	}

	@Test
	void signinWhenTooManyFailuresThen429EvenWithTheRightPasswordButNotFromElsewhere() throws Exception {
		signup("john", "john@example.com", "12345678");
		for (int i = 0; i < 5; i++) {
			assertThat(signin("{\"username\":\"john\",\"password\":\"guess-" + i + "\"}").status()).isEqualTo(400);
		}

		Response throttled = signin("{\"username\":\"JOHN\",\"password\":\"12345678\"}");

		assertThat(throttled.status()).isEqualTo(429);
		assertThat(Long.parseLong(throttled.headers().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 900L);
		assertThat(throttled.read("$.user.errors.error[0]")).startsWith("Too many failed password attempts.");
		RawHttp.Response owner = RawHttp.send(this.port, InetAddress.getByName("127.0.0.2"), "POST", "/users/signin/",
				"Content-Type: application/json\r\n",
				"{\"user\":{\"username\":\"john\",\"password\":\"12345678\"}}".getBytes(StandardCharsets.UTF_8));
		assertThat(owner.status()).isEqualTo(200);
	}

	@Test
	void signinWhenSucceededThenEarlierFailuresForgotten() {
		signup("john", "john@example.com", "12345678");
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 4; i++) {
				assertThat(signin("{\"username\":\"john\",\"password\":\"guess-" + i + "\"}").status()).isEqualTo(400);
			}
			assertThat(signin("{\"username\":\"john\",\"password\":\"12345678\"}").status()).isEqualTo(200);
		}
	}

	@Test
	void signinWhenForwardedForHeaderFromAnUntrustedPeerThenIgnored() {
		signup("john", "john@example.com", "12345678");
		for (int i = 0; i < 5; i++) {
			assertThat(exchange(this.client.post()
				.uri("/users/signin/")
				.header("X-Forwarded-For", "203.0.113." + i)
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"user\":{\"username\":\"john\",\"password\":\"guess\"}}"), null).status()).isEqualTo(400);
		}

		assertThat(signin("{\"username\":\"john\",\"password\":\"12345678\"}").status()).isEqualTo(429);
	}

	@Test
	void signinWhenNoUsernameNorEmailThenNonFieldError() {
		Response response = signin("{\"password\":\"12345678\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.read("$.user.errors.error[0]")).isEqualTo(Messages.MISSING_IDENTIFIER);
	}

	@Test
	void updateCurrentWhenUsernameTakenByAnotherIgnoringCaseThenFieldErrorAndNothingChanged() {
		signup("jane", "jane@example.com", "12345678");
		String token = signup("john", "john@example.com", "12345678").read("$.user.token");

		Response response = post("/users/update_current/",
				"{\"user\":{\"username\":\"JANE\",\"email\":\"x@example.com\"}}", token);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.read("$.user.errors.username[0]")).isEqualTo(Messages.DUPLICATE_USERNAME);
		assertThat(this.jdbc.sql("select email from users where username = 'john'").query(String.class).single())
			.isEqualTo("john@example.com");
	}

	@Test
	void updateCurrentWhenOwnUsernameInAnotherCaseThenAccepted() {
		String token = signup("john", "john@example.com", "12345678").read("$.user.token");

		Response response = post("/users/update_current", "{\"user\":{\"username\":\"John\"}}", token);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.read("$.user.username")).isEqualTo("John");
	}

	@Test
	void updateCurrentWhenPasswordWithoutCurrentPasswordThenFieldError() {
		String token = signup("john", "john@example.com", "12345678").read("$.user.token");

		Response missing = post("/users/update_current/", "{\"user\":{\"password\":\"new-password\"}}", token);
		Response wrong = post("/users/update_current/",
				"{\"user\":{\"password\":\"new-password\",\"current_password\":\"not-it\"}}", token);

		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.read("$.user.errors.current_password[0]")).isEqualTo(Messages.REQUIRED);
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.read("$.user.errors.current_password[0]")).isEqualTo(Messages.WRONG_CURRENT_PASSWORD);
		assertThat(signin("{\"username\":\"john\",\"password\":\"12345678\"}").status()).isEqualTo(200);
	}

	@Test
	void updateCurrentWhenPasswordChangedThenEarlierTokensRevokedAndNewOneWorks() {
		String first = signup("john", "john@example.com", "12345678").read("$.user.token");
		String second = signin("{\"username\":\"john\",\"password\":\"12345678\"}").read("$.user.token");

		Response changed = put("/users/current/",
				"{\"user\":{\"password\":\"new-password\",\"current_password\":\"12345678\"}}", first);

		assertThat(changed.status()).isEqualTo(200);
		String fresh = changed.read("$.user.token");
		assertThat(get("/users/current/", fresh).status()).isEqualTo(200);
		for (String old : List.of(first, second)) {
			Response refused = get("/users/current/", old);
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.read("$.user.errors.error[0]")).isEqualTo("Token has been revoked.");
		}
		assertThat(signin("{\"username\":\"john\",\"password\":\"12345678\"}").status()).isEqualTo(400);
		assertThat(signin("{\"username\":\"john\",\"password\":\"new-password\"}").status()).isEqualTo(200);
	}

	@Test
	void updateCurrentWhenFieldsInvalidThenAllReportedAndNothingChanged() {
		String token = signup("john", "john@example.com", "12345678").read("$.user.token");

		Response response = post("/users/update_current/",
				"{\"user\":{\"username\":\"\",\"email\":\"bad\",\"password\":\"short\",\"current_password\":\"12345678\"}}",
				token);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.read("$.user.errors.username[0]")).isEqualTo(Messages.BLANK);
		assertThat(response.read("$.user.errors.email[0]")).isEqualTo(Messages.INVALID_EMAIL);
		assertThat(response.read("$.user.errors.password[0]")).isEqualTo(Messages.PASSWORD_TOO_SHORT);
		assertThat(this.jdbc.sql("select username from users").query(String.class).single()).isEqualTo("john");
	}

	@Test
	void signoutThen204AndEveryEarlierTokenRevoked() {
		String first = signup("john", "john@example.com", "12345678").read("$.user.token");
		String second = signin("{\"username\":\"john\",\"password\":\"12345678\"}").read("$.user.token");

		Response signout = post("/users/signout/", "", first);

		assertThat(signout.status()).isEqualTo(204);
		assertThat(signout.body()).isNull();
		for (String token : List.of(first, second)) {
			Response refused = get("/users/current/", token);
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.read("$.user.errors.error[0]")).isEqualTo("Token has been revoked.");
		}
		String fresh = signin("{\"username\":\"john\",\"password\":\"12345678\"}").read("$.user.token");
		assertThat(get("/users/current", fresh).status()).isEqualTo(200);
	}

	@Test
	void signoutWithoutTokenThen401() {
		assertThat(post("/users/signout", "", null).status()).isEqualTo(401);
	}

	@Test
	void deleteCurrentWhenPasswordConfirmedThen204AndAccountAndTokensGone() {
		String token = signup("john", "john@example.com", "12345678").read("$.user.token");

		Response deleted = delete("/users/current/", "{\"user\":{\"password\":\"12345678\"}}", token);

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(deleted.body()).isNull();
		assertThat(userCount()).isZero();
		assertThat(get("/users/current/", token).read("$.user.errors.error[0]")).isEqualTo("User inactive or deleted.");
		assertThat(signin("{\"username\":\"john\",\"password\":\"12345678\"}").status()).isEqualTo(400);
		assertThat(signup("john", "john@example.com", "12345678").status()).isEqualTo(201);
	}

	@Test
	void deleteCurrentWhenPasswordMissingOrWrongThen400AndAccountStays() {
		String token = signup("john", "john@example.com", "12345678").read("$.user.token");

		Response missing = delete("/users/current", "{\"user\":{}}", token);
		Response wrong = delete("/users/current/", "{\"user\":{\"password\":\"not-it\"}}", token);

		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.read("$.user.errors.password[0]")).isEqualTo(Messages.REQUIRED);
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.read("$.user.errors.password[0]")).isEqualTo(Messages.WRONG_PASSWORD);
		assertThat(userCount()).isOne();
		assertThat(get("/users/current/", token).status()).isEqualTo(200);
	}

	@Test
	void currentWhenDeletedUsersTokenThen401() {
		String token = signup("john", "john@example.com", "12345678").read("$.user.token");
		this.jdbc.sql("delete from users").update();

		Response response = get("/users/current/", token);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Token");
		assertThat(response.read("$.user.errors.error[0]")).isEqualTo("User inactive or deleted.");
	}

	@Test
	void requestWithOversizedHeaderThenRefusedWithout500() {
		Response response = get("/users/current/", "x".repeat(20_000));

		assertThat(response.status()).isIn(400, 431);
		assertThat(response.read("$.user.errors.error[0]")).isEqualTo("Bad request.");
	}

	@Test
	void requestRefusedByTheServerBeforeTheApplicationThenStillInEnvelope() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest encodedNul = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/users/signup/%00"))
			.build();

		HttpResponse<String> response = http.send(encodedNul, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE))
			.hasValueSatisfying((contentType) -> assertThat(
					MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON))
				.isTrue());
		assertThat(response.body()).isEqualTo("{\"user\":{\"errors\":{\"error\":[\"Bad request.\"]}}}");
	}

	@Test
	void healthProbesArePublicAndOtherActuatorEndpointsAreNot() {
		assertThat(get("/actuator/health/liveness", null).status()).isEqualTo(200);
		assertThat(get("/actuator/health/readiness", null).body()).contains("\"status\":\"UP\"");
		assertThat(get("/actuator", null).status()).isEqualTo(401);
	}

	@Test
	void unknownPathThen404InEnvelope() {
		Response response = get("/users/john/unknown/", null);

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("{\"user\":{\"errors\":{\"error\":[\"Not found.\"]}}}");
	}

	private Response signup(String username, String email, String password) {
		return post("/users/signup/", "{\"user\":{\"username\":\"%s\",\"email\":\"%s\",\"password\":\"%s\"}}"
			.formatted(username, email, password), null);
	}

	private Response signin(String fields) {
		return post("/users/signin/", "{\"user\":" + fields + "}", null);
	}

	private Response post(String path, String json, String token) {
		return exchange(this.client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json), token);
	}

	private Response put(String path, String json, String token) {
		return exchange(this.client.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(json), token);
	}

	private Response delete(String path, String json, String token) {
		return exchange(
				this.client.method(HttpMethod.DELETE).uri(path).contentType(MediaType.APPLICATION_JSON).body(json),
				token);
	}

	private Response get(String path, String token) {
		return exchange(this.client.get().uri(path), token);
	}

	private Response exchange(RestTestClient.RequestHeadersSpec<?> request, String token) {
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Token " + token);
		}
		EntityExchangeResult<String> result = request.exchange().returnResult(String.class);
		return new Response(result.getStatus().value(), result.getResponseHeaders(), result.getResponseBody());
	}

	private long userCount() {
		return this.jdbc.sql("select count(*) from users").query(Long.class).single();
	}

	private record Response(int status, HttpHeaders headers, String body) {

		String read(String path) {
			Object value = JsonPath.read(this.body, path);
			return (value != null) ? value.toString() : null;
		}

	}

}
