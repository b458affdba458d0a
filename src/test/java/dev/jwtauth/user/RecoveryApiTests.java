package dev.jwtauth.user;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;
import dev.jwtauth.Concurrently;
import dev.jwtauth.Mailbox;
import dev.jwtauth.mail.Mailer;
import dev.jwtauth.security.AuthMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password reset and email verification end to end: real HTTP, the real filter chain, a
 * real database, and mail through a real SMTP server, read as a user reads it. One suite,
 * run on each database the service supports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025", "auth.mail.from=auth@example.com",
				"auth.recovery.public-url=https://auth.example.com/" })
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
@ExtendWith(OutputCaptureExtension.class)
abstract class RecoveryApiTests {

	private static final String RESET = "Reset your password";

	private static final String VERIFY = "Verify your email address";

	private static final String PASSWORD_CHANGED = "Your password was changed";

	private static final String NEW_PASSWORD = "a new passphrase";

	@RegisterExtension
	static final GreenMailExtension mail = Mailbox.server();

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry metrics;

	@BeforeEach
	void clear() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from mail_requests").update();
	}

	@Test
	void resetWhenLinkFromMailConfirmedThenNewPasswordWorksOldTokensDoNotAndLinkIsUsedUp(CapturedOutput output) {
		double confirmedBefore = resets("confirmed");
		double sentBefore = mails("password-reset", "sent");
		String oldToken = signup("alice").read("$.user.token");

		Response requested = requestReset("alice@example.com");

		assertThat(requested.status()).isEqualTo(202);
		assertThat(requested.body()).isEqualTo("{\"user\":{\"detail\":\"" + PasswordResets.REQUESTED + "\"}}");
		MimeMessage message = Mailbox.await(mail, "alice@example.com", RESET);
		assertThat(Mailbox.link(message)).startsWith("https://auth.example.com/users/password_reset/confirm?token");
		assertThat(Mailbox.html(message))
			.contains("href=\"https://auth.example.com/users/password_reset/confirm?token");
		String secret = Mailbox.token(message);
		assertThat(secret).hasSizeGreaterThanOrEqualTo(22);
		assertThat(this.jdbc.sql("select count(*) from one_time_secrets where digest = ?")
			.param(secret)
			.query(Long.class)
			.single()).isZero();

		Response confirmed = confirmReset(secret, NEW_PASSWORD);

		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(confirmed.read("$.user.username")).isEqualTo("alice");
		String newToken = confirmed.read("$.user.token");
		assertThat(get("/users/current/", newToken).status()).isEqualTo(200);
		assertThat(get("/users/current/", oldToken).status()).isEqualTo(401);
		assertThat(signin("alice", NEW_PASSWORD).status()).isEqualTo(200);
		assertThat(signin("alice", "12345678").status()).isEqualTo(400);
		Response reused = confirmReset(secret, "yet another one");
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.read("$.user.errors.token[0]")).isEqualTo(Messages.INVALID_RESET_LINK);
		assertThat(signin("alice", NEW_PASSWORD).status()).isEqualTo(200);
		assertThat(Mailbox.await(mail, "alice@example.com", PASSWORD_CHANGED)).isNotNull();
		assertThat(emailVerified("alice")).isTrue();
		assertThat(resets("confirmed")).isEqualTo(confirmedBefore + 1);
		assertThat(resets("refused")).isPositive();
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(mails("password-reset", "sent")).isEqualTo(sentBefore + 1));
		String serviceLog = output.getAll().lines().filter((line) -> !line.contains("icegreen")).toList().toString();
		assertThat(serviceLog).contains("Password reset, earlier tokens revoked")
			.doesNotContain(secret)
			.doesNotContain(NEW_PASSWORD)
			.doesNotContain("alice@example.com");
	}

	@Test
	void resetWhenAddressUnknownOrInactiveThenSameAnswerAndNoMail() {
		signup("bob");
		signup("carol");
		this.jdbc.sql("update users set is_active = false where username = 'carol'").update();

		Response unknown = requestReset("nobody@example.com");
		Response inactive = requestReset("carol@example.com");
		Response known = requestReset("bob@example.com");

		assertThat(unknown.status()).isEqualTo(202);
		assertThat(inactive.status()).isEqualTo(202);
		assertThat(unknown.body()).isEqualTo(known.body());
		assertThat(inactive.body()).isEqualTo(known.body());
		Mailbox.await(mail, "bob@example.com", RESET);
		assertThat(Mailbox.all(mail, "nobody@example.com")).isEmpty();
		assertThat(Mailbox.find(mail, "carol@example.com", RESET)).isEmpty();
	}

	@Test
	void resetWhenLinkExpiredThen400AndPasswordKept() {
		signup("dave");
		requestReset("dave@example.com");
		String secret = Mailbox.token(Mailbox.await(mail, "dave@example.com", RESET));
		this.jdbc.sql("update one_time_secrets set expires_at = ?")
			.param(OffsetDateTime.now().minusMinutes(1))
			.update();

		Response confirmed = confirmReset(secret, NEW_PASSWORD);

		assertThat(confirmed.status()).isEqualTo(400);
		assertThat(confirmed.read("$.user.errors.token[0]")).isEqualTo(Messages.INVALID_RESET_LINK);
		assertThat(signin("dave", "12345678").status()).isEqualTo(200);
	}

	@Test
	void resetWhenNewerLinkIssuedOrPasswordChangedOtherwiseThenEarlierLinkVoid() {
		String token = signup("erin").read("$.user.token");
		requestReset("erin@example.com");
		String first = Mailbox.token(Mailbox.await(mail, "erin@example.com", RESET));
		requestReset("erin@example.com");
		String second = awaitSecondReset("erin@example.com", first);

		assertThat(confirmReset(first, NEW_PASSWORD).status()).isEqualTo(400);
		Response changed = post("/users/update_current/",
				"{\"user\":{\"password\":\"changed by hand\",\"current_password\":\"12345678\"}}", token);
		assertThat(changed.status()).isEqualTo(200);
		assertThat(confirmReset(second, NEW_PASSWORD).status()).isEqualTo(400);
		assertThat(signin("erin", "changed by hand").status()).isEqualTo(200);
		assertThat(Mailbox.await(mail, "erin@example.com", PASSWORD_CHANGED)).isNotNull();
	}

	@Test
	void resetWhenAddressChangedAndBackOrAccountSignedOutThenEarlierLinkVoid() {
		String token = signup("nora").read("$.user.token");
		requestReset("nora@example.com");
		String first = Mailbox.token(Mailbox.await(mail, "nora@example.com", RESET));
		token = post("/users/update_current/", "{\"user\":{\"email\":\"nora@elsewhere.example\"}}", token)
			.read("$.user.token");
		post("/users/update_current/", "{\"user\":{\"email\":\"nora@example.com\"}}", token);

		assertThat(confirmReset(first, NEW_PASSWORD).status()).isEqualTo(400);
		requestReset("nora@example.com");
		String second = awaitSecondReset("nora@example.com", first);
		assertThat(post("/users/signout/", "{}", signin("nora", "12345678").read("$.user.token")).status())
			.isEqualTo(204);
		assertThat(confirmReset(second, NEW_PASSWORD).status()).isEqualTo(400);
		assertThat(signin("nora", "12345678").status()).isEqualTo(200);
	}

	@Test
	void updateWhenAddressChangedPastTheMailLimitsThenChangedWithoutMail() {
		String token = signup("otto").read("$.user.token");
		for (int i = 0; i < 12; i++) {
			String address = (i % 2 == 0) ? "target@victim.example" : "otto" + i + "@example.com";
			Response changed = post("/users/update_current/", "{\"user\":{\"email\":\"" + address + "\"}}", token);
			assertThat(changed.status()).isEqualTo(200);
			token = changed.read("$.user.token");
		}
		post("/users/password_reset/", "{\"user\":{\"email\":\"otto@example.com\"}}", null);
		Mailbox.await(mail, "otto@example.com", "Your email address was changed");

		assertThat(Mailbox.all(mail, "target@victim.example")).hasSizeLessThanOrEqualTo(3);
	}

	@Test
	void resetWhenConfirmedConcurrentlyWithOneLinkThenExactlyOneWins() throws Exception {
		signup("frank");
		requestReset("frank@example.com");
		String secret = Mailbox.token(Mailbox.await(mail, "frank@example.com", RESET));
		List<Callable<Response>> confirmations = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String password = "password number " + i;
			confirmations.add(() -> confirmReset(secret, password));
		}

		List<Response> answers = Concurrently.all(confirmations);

		assertThat(answers).extracting(Response::status).containsOnly(200, 400).filteredOn((s) -> s == 200).hasSize(1);
		int winner = answers.stream().map(Response::status).toList().indexOf(200);
		assertThat(signin("frank", "password number " + winner).status()).isEqualTo(200);
	}

	@Test
	void resetWhenInputHostileThen400AndNothingUsedUp() {
		signup("gina");
		requestReset("gina@example.com");
		String secret = Mailbox.token(Mailbox.await(mail, "gina@example.com", RESET));

		assertThat(confirmReset(secret, "short").read("$.user.errors.password[0]"))
			.isEqualTo(Messages.PASSWORD_TOO_SHORT);
		assertThat(post("/users/password_reset/confirm/", "{\"user\":{\"password\":\"" + NEW_PASSWORD + "\"}}", null)
			.read("$.user.errors.token[0]")).isEqualTo(Messages.REQUIRED);
		assertThat(post("/users/password_reset/confirm/",
				"{\"user\":{\"token\":42,\"password\":\"" + NEW_PASSWORD + "\"}}", null)
			.status()).isEqualTo(400);
		for (String junk : List.of("x", "' or 1=1 --", secret + "A", "A".repeat(10_000), "%00", "é".repeat(43))) {
			assertThat(confirmReset(junk, NEW_PASSWORD).read("$.user.errors.token[0]")).as(junk)
				.isEqualTo(Messages.INVALID_RESET_LINK);
		}
		assertThat(requestReset("not-an-address").read("$.user.errors.email[0]")).isEqualTo(Messages.INVALID_EMAIL);
		assertThat(post("/users/password_reset/", "{\"user\":{}}", null).read("$.user.errors.email[0]"))
			.isEqualTo(Messages.REQUIRED);

		assertThat(confirmReset(secret, NEW_PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void resetRequestsWhenPastTheLimitForAnAddressThen429WhetherOrNotItHasAnAccount() {
		signup("hank");
		for (int i = 0; i < 3; i++) {
			assertThat(requestReset("hank@example.com").status()).isEqualTo(202);
			assertThat(requestReset("nobody@example.com").status()).isEqualTo(202);
		}

		Response known = requestReset("hank@example.com");
		Response unknown = requestReset("NOBODY@Example.com");

		assertThat(known.status()).isEqualTo(429);
		assertThat(unknown.status()).isEqualTo(429);
		assertThat(known.headers().getFirst(HttpHeaders.RETRY_AFTER)).matches("[1-9][0-9]*");
		assertThat(known.read("$.user.errors.error[0]")).startsWith("Too many mails asked for.");
		assertThat(unknown.read("$.user.errors.error[0]")).startsWith("Too many mails asked for.");
	}

	@Test
	void signupThenVerificationMailWhoseLinkVerifiesOnce() {
		signup("ivan");
		assertThat(emailVerified("ivan")).isFalse();
		MimeMessage message = Mailbox.await(mail, "ivan@example.com", VERIFY);
		assertThat(Mailbox.link(message)).startsWith("https://auth.example.com/users/verify_email/confirm?token");

		Response verified = post("/users/verify_email/confirm/",
				"{\"user\":{\"token\":\"" + Mailbox.token(message) + "\"}}", null);

		assertThat(verified.status()).isEqualTo(200);
		assertThat(verified.body())
			.isEqualTo("{\"user\":{\"email\":\"ivan@example.com\",\"username\":\"ivan\",\"email_verified\":true}}");
		assertThat(emailVerified("ivan")).isTrue();
		Response reused = post("/users/verify_email/confirm/",
				"{\"user\":{\"token\":\"" + Mailbox.token(message) + "\"}}", null);
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.read("$.user.errors.token[0]")).isEqualTo(Messages.INVALID_VERIFICATION_LINK);
	}

	@Test
	void verificationWhenAskedAgainThenNewLinkVoidsTheOldAndVerifiedAddressRefusesMore() {
		String token = signup("jane").read("$.user.token");
		String first = Mailbox.token(Mailbox.await(mail, "jane@example.com", VERIFY));

		Response resent = post("/users/verify_email/", "{}", token);

		assertThat(resent.status()).isEqualTo(202);
		assertThat(resent.read("$.user.detail")).isEqualTo(EmailVerifications.SENT);
		String second = awaitSecond("jane@example.com", VERIFY, first);
		assertThat(confirmVerification(first).status()).isEqualTo(400);
		assertThat(confirmVerification(second).status()).isEqualTo(200);
		Response again = post("/users/verify_email/", "{}", token);
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.read("$.user.errors.email[0]")).isEqualTo(Messages.ALREADY_VERIFIED);
		assertThat(post("/users/verify_email/", "{}", null).status()).isEqualTo(401);
	}

	@Test
	void updateWhenEmailChangedThenNewAddressVerifiedAfreshAndOldOneToldAndOldLinkVoid() {
		String token = signup("kate").read("$.user.token");
		String oldLink = Mailbox.token(Mailbox.await(mail, "kate@example.com", VERIFY));

		Response updated = post("/users/update_current/", "{\"user\":{\"email\":\"kate@elsewhere.example\"}}", token);

		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.body()).doesNotContain("email_verified");
		MimeMessage notice = Mailbox.await(mail, "kate@example.com", "Your email address was changed");
		assertThat(Mailbox.text(notice)).contains("kate@elsewhere.example");
		String newLink = Mailbox.token(Mailbox.await(mail, "kate@elsewhere.example", VERIFY));
		assertThat(confirmVerification(oldLink).status()).isEqualTo(400);
		assertThat(emailVerified("kate")).isFalse();
		assertThat(confirmVerification(newLink).status()).isEqualTo(200);
		assertThat(emailVerified("kate")).isTrue();
	}

	@Test
	void originalBodiesShowNoVerificationState() {
		Response signup = signup("liam");
		Response signin = signin("liam", "12345678");

		assertThat(signup.body()).doesNotContain("verified");
		assertThat(signin.body()).doesNotContain("verified");
	}

	private String awaitSecondReset(String to, String first) {
		return awaitSecond(to, RESET, first);
	}

	private String awaitSecond(String to, String subject, String first) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> Mailbox.find(mail, to, subject)
				.stream()
				.map(Mailbox::token)
				.filter((t) -> !t.equals(first))
				.findFirst(), Optional::isPresent)
			.get();
	}

	private double resets(String outcome) {
		Counter counter = this.metrics.find(AuthMetrics.PASSWORD_RESETS).tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double mails(String template, String outcome) {
		Counter counter = this.metrics.find(Mailer.METRIC).tags("template", template, "outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private boolean emailVerified(String username) {
		return this.jdbc.sql("select email_verified from users where username = ?")
			.param(username)
			.query(Boolean.class)
			.single();
	}

	private Response signup(String username) {
		return post("/users/signup/",
				"{\"user\":{\"username\":\"%s\",\"email\":\"%s@example.com\",\"password\":\"12345678\"}}"
					.formatted(username, username),
				null);
	}

	private Response signin(String username, String password) {
		return post("/users/signin/",
				"{\"user\":{\"username\":\"%s\",\"password\":\"%s\"}}".formatted(username, password), null);
	}

	private Response requestReset(String email) {
		return post("/users/password_reset/", "{\"user\":{\"email\":\"" + email + "\"}}", null);
	}

	private Response confirmReset(String secret, String password) {
		return post("/users/password_reset/confirm/",
				"{\"user\":{\"token\":\"%s\",\"password\":\"%s\"}}".formatted(secret, password), null);
	}

	private Response confirmVerification(String secret) {
		return post("/users/verify_email/confirm/", "{\"user\":{\"token\":\"" + secret + "\"}}", null);
	}

	private Response get(String path, String token) {
		return exchange(this.client.get().uri(path), token);
	}

	private Response post(String path, String json, String token) {
		return exchange(this.client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json), token);
	}

	private Response exchange(RestTestClient.RequestHeadersSpec<?> request, String token) {
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Token " + token);
		}
		EntityExchangeResult<String> result = request.exchange().returnResult(String.class);
		return new Response(result.getStatus().value(), result.getResponseHeaders(), result.getResponseBody());
	}

	private record Response(int status, HttpHeaders headers, String body) {

		String read(String path) {
			Object value = JsonPath.read(this.body, path);
			return (value != null) ? value.toString() : null;
		}

	}

}
