package dev.jwtauth.user;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.jwtauth.Mailbox;
import dev.jwtauth.TestUsers;
import dev.jwtauth.Timings;
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
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a reset request takes, over real HTTP, must not tell an address with an
 * account from one without: their medians are compared with a margin. Each request is
 * timed once the work the service did after answering the one before (the look-up, and
 * for an account the link mail) is over, so that it slows neither kind of request. One
 * suite, run on each database the service supports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025", "auth.mail.from=auth@example.com",
				"auth.recovery.public-url=https://auth.example.com", "auth.throttle.mail.per-client=100000",
				"auth.throttle.mail.per-recipient=100000" })
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
abstract class PasswordResetTimingTests {

	private static final int WARM_UP_ROUNDS = 10;

	private static final int ROUNDS = 40;

	private static final double MARGIN = 1.3;

	/**
	 * The same pause after every request, of either kind, and at least until its mail (if
	 * any) has arrived: longer than the service waits before the look-up it makes after
	 * answering, and than the look-up and the mail, so that the next request finds the
	 * service idle either way.
	 */
	private static final Duration SETTLE = ResetRequestQueue.AFTER_THE_ANSWER.plusMillis(150);

	@RegisterExtension
	static final GreenMailExtension mail = Mailbox.server();

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void users() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from mail_requests").update();
		TestUsers.signup(this.client, "olga");
	}

	@Test
	void resetRequestThenTakesAsLongWhetherOrNotTheAddressHasAnAccount() {
		AtomicInteger linksAsked = new AtomicInteger();
		Map<String, Runnable> requests = new LinkedHashMap<>();
		requests.put("unknown address", () -> resetRequest("nobody@example.com"));
		requests.put("account", () -> {
			linksAsked.incrementAndGet();
			resetRequest("olga@example.com");
		});
		Runnable settled = () -> {
			long until = System.nanoTime() + SETTLE.toNanos();
			assertThat(mail.waitForIncomingEmail(20_000, linksAsked.get())).as("links mailed").isTrue();
			for (long wait = until - System.nanoTime(); wait > 0; wait = until - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
		};
		Map<String, Double> medians = Timings.medianMillis(requests, settled, WARM_UP_ROUNDS, ROUNDS);

		double unknown = medians.get("unknown address");
		assertThat(medians.get("account")).as("median milliseconds of a reset request for an account")
			.isBetween(unknown / MARGIN, unknown * MARGIN);
		assertThat(Mailbox.await(mail, "olga@example.com", "Reset your password")).isNotNull();
		assertThat(Mailbox.all(mail, "nobody@example.com")).isEmpty();
	}

	/** A reset request, which must be accepted. */
	private void resetRequest(String email) {
		this.client.post()
			.uri("/users/password_reset/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"email\":\"" + email + "\"}}")
			.exchange()
			.expectStatus()
			.isAccepted();
	}

}
