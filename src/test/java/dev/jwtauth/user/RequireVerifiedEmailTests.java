package dev.jwtauth.user;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;
import dev.jwtauth.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signin where the deployment requires a verified address: refused, after the password
 * was checked, until the address is verified, by its link or by a password reset.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025", "auth.mail.from=auth@example.com",
				"auth.recovery.public-url=https://auth.example.com", "auth.recovery.require-verified-email=true" })
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
class RequireVerifiedEmailTests {

	@RegisterExtension
	static final GreenMailExtension mail = Mailbox.server();

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void clear() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from mail_requests").update();
	}

	@Test
	void signinWhenAddressUnverifiedThenRefusedSayingWhyUntilTheLinkIsFollowed() {
		assertThat(post("/users/signup/",
				"{\"user\":{\"username\":\"rosa\",\"email\":\"rosa@example.com\",\"password\":\"12345678\"}}")
			.getStatus()
			.value()).isEqualTo(201);

		EntityExchangeResult<String> refused = signin("rosa", "12345678");
		EntityExchangeResult<String> wrong = signin("rosa", "not her password");

		assertThat(refused.getStatus().value()).isEqualTo(400);
		assertThat(error(refused)).isEqualTo(Messages.EMAIL_NOT_VERIFIED);
		assertThat(error(wrong)).isEqualTo(Messages.BAD_CREDENTIALS);
		String secret = Mailbox.token(Mailbox.await(mail, "rosa@example.com", "Verify your email address"));
		assertThat(
				post("/users/verify_email/confirm/", "{\"user\":{\"token\":\"" + secret + "\"}}").getStatus().value())
			.isEqualTo(200);
		assertThat(signin("rosa", "12345678").getStatus().value()).isEqualTo(200);
	}

	@Test
	void signinWhenPasswordResetThroughTheAddressThenAddressCountsAsVerified() {
		post("/users/signup/",
				"{\"user\":{\"username\":\"sam\",\"email\":\"sam@example.com\",\"password\":\"12345678\"}}");
		post("/users/password_reset/", "{\"user\":{\"email\":\"sam@example.com\"}}");
		String secret = Mailbox.token(Mailbox.await(mail, "sam@example.com", "Reset your password"));

		assertThat(post("/users/password_reset/confirm/",
				"{\"user\":{\"token\":\"" + secret + "\",\"password\":\"a new passphrase\"}}")
			.getStatus()
			.value()).isEqualTo(200);

		assertThat(signin("sam", "a new passphrase").getStatus().value()).isEqualTo(200);
	}

	private EntityExchangeResult<String> signin(String username, String password) {
		return post("/users/signin/",
				"{\"user\":{\"username\":\"%s\",\"password\":\"%s\"}}".formatted(username, password));
	}

	private EntityExchangeResult<String> post(String path, String json) {
		return this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange()
			.returnResult(String.class);
	}

	private static String error(EntityExchangeResult<String> result) {
		return JsonPath.read(result.getResponseBody(), "$.user.errors.error[0]");
	}

}
