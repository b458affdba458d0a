package dev.jwtauth.user;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;
import dev.jwtauth.Concurrently;
import dev.jwtauth.Mailbox;
import dev.jwtauth.RawHttp;
import dev.jwtauth.TestUsers;
import dev.jwtauth.TokenRequests;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh tokens and sessions over HTTP, as clients use them: rotation, reuse detection,
 * concurrent refreshes with one token, the sessions list, and every way a session ends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "auth.refresh.enabled=true", "auth.refresh.max-sessions=3", "spring.mail.host=127.0.0.1",
				"spring.mail.port=3025", "auth.mail.from=auth@example.com",
				"auth.recovery.public-url=https://auth.example.com/" })
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
@Tag("slow")
abstract class RefreshTokenTests {

	private static final String INVALID = "Invalid or expired refresh token.";

	@RegisterExtension
	static final GreenMailExtension mail = Mailbox.server();

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry metrics;

	@Autowired
	private Sessions sessions;

	@LocalServerPort
	private int port;

	@BeforeEach
	void clean() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
	}

	@Test
	void signupAndSigninThenARefreshTokenAndAStoredDigestOnly() {
		EntityExchangeResult<String> signup = signup("ada");
		EntityExchangeResult<String> signin = signin("ada", "curl/8.5");

		String refreshToken = TokenRequests.read(signin, "$.user.refresh_token");
		assertThat(refreshToken).matches("[A-Za-z0-9_-]{43}");
		assertThat(TokenRequests.read(signup, "$.user.refresh_token")).isNotEqualTo(refreshToken);
		assertThat(this.jdbc.sql("select count(*) from sessions").query(Long.class).single()).isEqualTo(2);
		List<String> stored = this.jdbc.sql("select digest from refresh_tokens").query(String.class).list();
		assertThat(stored).hasSize(2).doesNotContain(refreshToken).allMatch((digest) -> digest.matches("[0-9a-f]{64}"));
	}

	@Test
	void refreshThenNewTokenAndNextRefreshTokenAndTheOldOneIsVoid() {
		String first = TokenRequests.read(signin("ada", "app/1"), "$.user.refresh_token");

		EntityExchangeResult<String> refreshed = refresh(first);

		assertThat(refreshed.getStatus().value()).isEqualTo(200);
		assertThat(JsonPath.<Map<String, Object>>read(refreshed.getResponseBody(), "$.user")).containsOnlyKeys("email",
				"username", "token", "refresh_token");
		String token = TokenRequests.read(refreshed, "$.user.token");
		String next = TokenRequests.read(refreshed, "$.user.refresh_token");
		assertThat(next).isNotEqualTo(first);
		assertThat(current(token)).isEqualTo(200);
		assertThat(refresh(next).getStatus().value()).isEqualTo(200);
	}

	@Test
	void refreshWhenATokenIsUsedAgainThenTheWholeSessionEndsLoggedAndCounted(CapturedOutput output) {
		String stolen = TokenRequests.read(signin("ada", "app/1"), "$.user.refresh_token");
		EntityExchangeResult<String> owner = refresh(stolen);
		String ownersToken = TokenRequests.read(owner, "$.user.token");
		String ownersNext = TokenRequests.read(owner, "$.user.refresh_token");
		double reusesBefore = reuses();

		EntityExchangeResult<String> thief = refresh(stolen);

		assertRefused(thief);
		assertRefused(refresh(ownersNext));
		assertThat(current(ownersToken)).isEqualTo(401);
		assertThat(this.jdbc.sql("select count(*) from sessions").query(Long.class).single()).isZero();
		assertThat(reuses()).isEqualTo(reusesBefore + 1);
		assertThat(output).contains("Refresh token reused, session ended").doesNotContain(stolen);
	}

	@Test
	void refreshWhenTwentyAtOnceWithOneTokenThenAtMostOneAnswerAndNoLiveSuccessor() throws Exception {
		String token = TokenRequests.read(signin("ada", "app/1"), "$.user.refresh_token");

		List<EntityExchangeResult<String>> answers = Concurrently.times(20, () -> refresh(token));

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.getStatus().value()).isIn(200, 400));
		List<EntityExchangeResult<String>> successes = answers.stream()
			.filter((answer) -> answer.getStatus().value() == 200)
			.toList();
		assertThat(successes).hasSizeLessThanOrEqualTo(1);
		for (EntityExchangeResult<String> success : successes) {
			assertRefused(refresh(TokenRequests.read(success, "$.user.refresh_token")));
			assertThat(current(TokenRequests.read(success, "$.user.token"))).isEqualTo(401);
		}
		assertThat(this.jdbc.sql("select count(*) from sessions").query(Long.class).single()).isZero();
	}

	@Test
	void refreshWhenUnknownMalformedOrMissingThen400AndNothingChanges() {
		signin("ada", "app/1");

		assertRefused(refresh("A".repeat(43)));
		assertRefused(refresh("not a token"));
		assertRefused(refresh("x".repeat(1_000)));
		EntityExchangeResult<String> missing = this.client.post()
			.uri("/users/token/refresh/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{}}")
			.exchange()
			.returnResult(String.class);
		assertThat(missing.getStatus().value()).isEqualTo(400);
		assertThat(TokenRequests.read(missing, "$.user.errors.refresh_token[0]")).isEqualTo("This field is required.");
		assertThat(this.jdbc.sql("select count(*) from sessions").query(Long.class).single()).isOne();
	}

	@Test
	void sessionsThenOnePerSigninWithWhereAndWhenAndNeverAToken() {
		signin("ada", "phone\tapp/2");
		EntityExchangeResult<String> laptop = signin("ada", "laptop browser");
		String token = TokenRequests.read(laptop, "$.user.token");

		EntityExchangeResult<String> sessions = TokenRequests.exchange(this.client.get().uri("/users/sessions/"),
				token);

		assertThat(sessions.getStatus().value()).isEqualTo(200);
		assertThat(JsonPath.<Map<String, Object>>read(sessions.getResponseBody(), "$")).containsOnlyKeys("sessions");
		List<Map<String, Object>> listed = JsonPath.read(sessions.getResponseBody(), "$.sessions");
		assertThat(listed).hasSize(2);
		assertThat(listed.get(0))
			.containsOnlyKeys("id", "created_at", "last_used_at", "expires_at", "client_address", "user_agent",
					"current")
			.containsEntry("user_agent", "laptop browser")
			.containsEntry("client_address", "127.0.0.1")
			.containsEntry("current", true);
		assertThat(listed.get(1)).containsEntry("current", false).containsEntry("user_agent", "phoneapp/2");
		assertThat(sessions.getResponseBody()).doesNotContain(TokenRequests.read(laptop, "$.user.refresh_token"));
	}

	@Test
	void endSessionThenItsTokensStopAtOnceAndOthersStay() {
		EntityExchangeResult<String> phone = signin("ada", "phone");
		EntityExchangeResult<String> laptop = signin("ada", "laptop");
		String laptopToken = TokenRequests.read(laptop, "$.user.token");
		String phoneId = JsonPath.read(
				TokenRequests.exchange(this.client.get().uri("/users/sessions/"), laptopToken).getResponseBody(),
				"$.sessions[1].id");

		assertThat(TokenRequests.exchange(this.client.delete().uri("/users/sessions/{id}/", phoneId), laptopToken)
			.getStatus()
			.value()).isEqualTo(204);

		assertThat(current(TokenRequests.read(phone, "$.user.token"))).isEqualTo(401);
		assertRefused(refresh(TokenRequests.read(phone, "$.user.refresh_token")));
		assertThat(current(laptopToken)).isEqualTo(200);
		assertThat(TokenRequests.exchange(this.client.delete().uri("/users/sessions/{id}/", phoneId), laptopToken)
			.getStatus()
			.value()).isEqualTo(404);
	}

	@Test
	void endSessionWhenAnotherUsersThen404AndItStays() {
		EntityExchangeResult<String> ada = signin("ada", "phone");
		String adaSession = JsonPath.read(TokenRequests
			.exchange(this.client.get().uri("/users/sessions/"), TokenRequests.read(ada, "$.user.token"))
			.getResponseBody(), "$.sessions[0].id");
		String bob = TokenRequests.read(signupAs("bob"), "$.user.token");

		assertThat(TokenRequests.exchange(this.client.delete().uri("/users/sessions/{id}/", adaSession), bob)
			.getStatus()
			.value()).isEqualTo(404);
		assertThat(refresh(TokenRequests.read(ada, "$.user.refresh_token")).getStatus().value()).isEqualTo(200);
	}

	@Test
	void signoutThenEverySessionEnds() {
		EntityExchangeResult<String> phone = signin("ada", "phone");
		EntityExchangeResult<String> laptop = signin("ada", "laptop");

		TokenRequests.exchange(this.client.post().uri("/users/signout/"), TokenRequests.read(laptop, "$.user.token"));

		assertRefused(refresh(TokenRequests.read(phone, "$.user.refresh_token")));
		assertRefused(refresh(TokenRequests.read(laptop, "$.user.refresh_token")));
	}

	@Test
	void passwordChangeThenEveryOtherSessionEndsAndTheChangerGetsANewOne() {
		EntityExchangeResult<String> phone = signin("ada", "phone");
		EntityExchangeResult<String> laptop = signin("ada", "laptop");

		EntityExchangeResult<String> changed = TokenRequests.exchange(this.client.post()
			.uri("/users/update_current/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"password\":\"another password\",\"current_password\":\"" + TestUsers.PASSWORD + "\"}}"),
				TokenRequests.read(laptop, "$.user.token"));

		assertThat(changed.getStatus().value()).isEqualTo(200);
		assertRefused(refresh(TokenRequests.read(phone, "$.user.refresh_token")));
		assertRefused(refresh(TokenRequests.read(laptop, "$.user.refresh_token")));
		assertThat(refresh(TokenRequests.read(changed, "$.user.refresh_token")).getStatus().value()).isEqualTo(200);
	}

	@Test
	void passwordResetThenEverySessionEndsAndTheResetBeginsANewOne() {
		EntityExchangeResult<String> phone = signin("ada", "phone");
		this.client.post()
			.uri("/users/password_reset/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"email\":\"ada@example.com\"}}")
			.exchange()
			.expectStatus()
			.isAccepted();
		String secret = Mailbox.token(Mailbox.await(mail, "ada@example.com", "Reset your password"));

		EntityExchangeResult<String> reset = this.client.post()
			.uri("/users/password_reset/confirm/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"token\":\"" + secret + "\",\"password\":\"a new passphrase\"}}")
			.exchange()
			.returnResult(String.class);

		assertThat(reset.getStatus().value()).isEqualTo(200);
		assertRefused(refresh(TokenRequests.read(phone, "$.user.refresh_token")));
		assertThat(current(TokenRequests.read(phone, "$.user.token"))).isEqualTo(401);
		assertThat(refresh(TokenRequests.read(reset, "$.user.refresh_token")).getStatus().value()).isEqualTo(200);
	}

	@Test
	void deactivationAndDeletionThenSessionsEnd() {
		EntityExchangeResult<String> ada = signin("ada", "phone");
		this.jdbc.sql("update users set is_active = false where username = 'ada'").update();

		assertRefused(refresh(TokenRequests.read(ada, "$.user.refresh_token")));

		this.jdbc.sql("update users set is_active = true where username = 'ada'").update();
		EntityExchangeResult<String> again = signin("ada", "phone");
		this.jdbc.sql("delete from users where username = 'ada'").update();
		assertRefused(refresh(TokenRequests.read(again, "$.user.refresh_token")));
		assertThat(this.jdbc.sql("select count(*) from refresh_tokens").query(Long.class).single()).isZero();
	}

	@Test
	void sessionWhenExpiredOrIdleTooLongThenRefusedAndForgotten() {
		EntityExchangeResult<String> expired = signin("ada", "phone");
		EntityExchangeResult<String> idle = signin("ada", "laptop");
		this.jdbc.sql("update sessions set expires_at = created_at where user_agent = 'phone'").update();
		this.jdbc.sql("update sessions set last_used_at = ? where user_agent = 'laptop'")
			.param(OffsetDateTime.now().minusDays(8))
			.update();

		assertThat(current(TokenRequests.read(expired, "$.user.token"))).isEqualTo(401);
		assertThat(current(TokenRequests.read(idle, "$.user.token"))).isEqualTo(401);
		assertRefused(refresh(TokenRequests.read(expired, "$.user.refresh_token")));
		assertRefused(refresh(TokenRequests.read(idle, "$.user.refresh_token")));
		assertThat(this.jdbc.sql("select count(*) from sessions").query(Long.class).single()).isZero();
	}

	@Test
	void cleanupThenExpiredIdleAndRevokedSessionsAndTheirTokensForgottenAndLiveOnesKept() {
		signin("ada", "expired");
		signin("ada", "idle");
		signin("ada", "live");
		signin("bob", "signed out");
		this.jdbc.sql("update sessions set expires_at = created_at where user_agent = 'expired'").update();
		this.jdbc.sql("update sessions set last_used_at = ? where user_agent = 'idle'")
			.param(OffsetDateTime.now().minusDays(8))
			.update();
		this.jdbc.sql("update users set token_version = token_version + 1 where username = 'bob'").update();

		this.sessions.forgetEnded();

		assertThat(this.jdbc.sql("select user_agent from sessions").query(String.class).list()).containsExactly("live");
		assertThat(this.jdbc.sql("select count(*) from refresh_tokens").query(Long.class).single()).isOne();
	}

	@Test
	void updateThenAnswersWithThePresentedTokenWhichEndsWithItsSession() {
		EntityExchangeResult<String> phone = signin("ada", "phone");
		String token = TokenRequests.read(phone, "$.user.token");

		EntityExchangeResult<String> updated = TokenRequests.exchange(this.client.post()
			.uri("/users/update_current/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"email\":\"ada@example.org\"}}"), token);
		String sessionId = JsonPath.read(
				TokenRequests.exchange(this.client.get().uri("/users/sessions/"), token).getResponseBody(),
				"$.sessions[0].id");
		TokenRequests.exchange(this.client.delete().uri("/users/sessions/{id}/", sessionId), token);

		assertThat(updated.getStatus().value()).isEqualTo(200);
		assertThat(TokenRequests.read(updated, "$.user.token")).as("no token outlives its session").isEqualTo(token);
		assertThat(current(token)).isEqualTo(401);
		assertThat(TokenRequests
			.exchange(this.client.post()
				.uri("/users/update_current/")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"user\":{}}"), token)
			.getStatus()
			.value()).isEqualTo(401);
	}

	@Test
	void signinWhenUserAgentInUtf8ThenSignedInAndShownAsWritten() throws Exception {
		signin("ada", "other");
		String userAgent = "Mozilla/5.0 (Linux; Android 10; \u5c0f\u7c73) \u2603";

		RawHttp.Response signin = signinWithUtf8UserAgent("ada", userAgent);

		assertThat(signin.status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select user_agent from sessions where user_agent <> 'other'")
			.query(String.class)
			.single()).isEqualTo(userAgent);
	}

	@Test
	void signinWhenUserAgentHasCharactersThatChangeHowItReadsThenStoredWithoutThem() throws Exception {
		// A right-to-left override, a zero-width space and joiner, an isolate and a
		// private-use character, around what a list of sessions shows
		String userAgent = "\u202eFirefox\u200b\u200d\u2066 on Linux\u2069\ue000";
		signin("ada", "other");

		RawHttp.Response signin = signinWithUtf8UserAgent("ada", userAgent);

		assertThat(signin.status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select user_agent from sessions where user_agent <> 'other'")
			.query(String.class)
			.single()).isEqualTo("Firefox on Linux");
	}

	@Test
	void signinWhenUserAgentTooLongThenCutWithoutSplittingACharacter() throws Exception {
		String userAgent = "a".repeat(255) + "\ud83d\ude00 and more";
		signin("ada", "other");

		RawHttp.Response signin = signinWithUtf8UserAgent("ada", userAgent);

		assertThat(signin.status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select user_agent from sessions where user_agent <> 'other'")
			.query(String.class)
			.single()).isEqualTo("a".repeat(255));
	}

	@Test
	void refreshManyTimesThenOnlyTheLatestUsedTokensKeptAndTheirReuseStillEndsTheSession() {
		String token = TokenRequests.read(signin("ada", "app/1"), "$.user.refresh_token");
		String lastUsed = null;
		for (int i = 0; i < Sessions.KEPT_USED_TOKENS + 5; i++) {
			lastUsed = token;
			token = TokenRequests.read(refresh(token), "$.user.refresh_token");
		}

		assertThat(this.jdbc.sql("select count(*) from refresh_tokens where used_at is not null")
			.query(Long.class)
			.single()).isEqualTo(Sessions.KEPT_USED_TOKENS);
		assertRefused(refresh(lastUsed));
		assertRefused(refresh(token));
	}

	@Test
	void signinBeyondTheMostSessionsThenTheLeastRecentlyUsedEnds() {
		EntityExchangeResult<String> oldest = signin("ada", "1");
		signin("ada", "2");
		signin("ada", "3");

		signin("ada", "4");

		assertThat(this.jdbc.sql("select user_agent from sessions order by user_agent").query(String.class).list())
			.containsExactly("2", "3", "4");
		assertRefused(refresh(TokenRequests.read(oldest, "$.user.refresh_token")));
	}

	private EntityExchangeResult<String> signup(String username) {
		return signupAs(username);
	}

	private EntityExchangeResult<String> signupAs(String username) {
		return this.client.post()
			.uri("/users/signup/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"%s\",\"email\":\"%s@example.com\",\"password\":\"%s\"}}"
				.formatted(username, username, TestUsers.PASSWORD))
			.exchange()
			.returnResult(String.class);
	}

	private EntityExchangeResult<String> signin(String username, String userAgent) {
		if (this.jdbc.sql("select count(*) from users where username = ?")
			.param(username)
			.query(Long.class)
			.single() == 0) {
			signupAs(username);
			// Only the signins of a test count: forget the session signup began.
			this.jdbc.sql("delete from sessions where user_id = (select id from users where username = ?)")
				.param(username)
				.update();
		}
		EntityExchangeResult<String> signin = this.client.post()
			.uri("/users/signin/")
			.header("User-Agent", userAgent)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"%s\",\"password\":\"%s\"}}".formatted(username, TestUsers.PASSWORD))
			.exchange()
			.returnResult(String.class);
		assertThat(signin.getStatus().value()).isEqualTo(200);
		return signin;
	}

	private EntityExchangeResult<String> refresh(String refreshToken) {
		return this.client.post()
			.uri("/users/token/refresh/")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("user", Map.of("refresh_token", refreshToken)))
			.exchange()
			.returnResult(String.class);
	}

	private int current(String token) {
		return TokenRequests.exchange(this.client.get().uri("/users/current/"), token).getStatus().value();
	}

	private double reuses() {
		return this.metrics.counter("auth.token.refreshes", "outcome", "reuse").count();
	}

	private static void assertRefused(EntityExchangeResult<String> answer) {
		assertThat(answer.getStatus().value()).isEqualTo(400);
		assertThat(TokenRequests.read(answer, "$.user.errors.refresh_token[0]")).isEqualTo(INVALID);
	}

	/**
	 * A signin over raw HTTP whose User-Agent header carries {@code userAgent} as UTF-8
	 * bytes.
	 */
	private RawHttp.Response signinWithUtf8UserAgent(String username, String userAgent) throws IOException {
		byte[] body = "{\"user\":{\"username\":\"%s\",\"password\":\"%s\"}}".formatted(username, TestUsers.PASSWORD)
			.getBytes(StandardCharsets.UTF_8);
		return RawHttp.send(this.port, null, "POST", "/users/signin/",
				"Content-Type: application/json\r\nUser-Agent: "
						+ new String(userAgent.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) + "\r\n",
				body);
	}

}
