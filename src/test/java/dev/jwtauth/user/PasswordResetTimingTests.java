package dev.jwtauth.user;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.jwtauth.Mailbox;
import dev.jwtauth.TestUsers;
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
 * account from one without: both kinds take turns in a shuffled order, so that a busy
 * machine slows them alike, and their medians are compared with a margin. One suite, run
 * on each database the service supports.
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
		Map<String, String> addresses = new LinkedHashMap<>();
		addresses.put("unknown address", "nobody@example.com");
		addresses.put("account", "olga@example.com");
		Map<String, List<Long>> durations = new LinkedHashMap<>();
		addresses.keySet().forEach((name) -> durations.put(name, new ArrayList<>()));
		Random random = new Random(42);
		for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
			List<String> order = new ArrayList<>(addresses.keySet());
			Collections.shuffle(order, random);
			for (String name : order) {
				long took = resetRequest(addresses.get(name));
				if (round >= WARM_UP_ROUNDS) {
					durations.get(name).add(took);
				}
			}
		}

		double unknown = median(durations.get("unknown address"));
		double account = median(durations.get("account"));
		assertThat(account / 1e6).as("median milliseconds of a reset request for an account")
			.isBetween(unknown / 1e6 / MARGIN, unknown / 1e6 * MARGIN);
		assertThat(Mailbox.await(mail, "olga@example.com", "Reset your password")).isNotNull();
		assertThat(Mailbox.all(mail, "nobody@example.com")).isEmpty();
	}

	/** Nanoseconds a reset request took, which must be accepted. */
	private long resetRequest(String email) {
		long start = System.nanoTime();
		this.client.post()
			.uri("/users/password_reset/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"email\":\"" + email + "\"}}")
			.exchange()
			.expectStatus()
			.isAccepted();
		return System.nanoTime() - start;
	}

	private static double median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
	}

}
