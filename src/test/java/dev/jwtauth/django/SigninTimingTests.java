package dev.jwtauth.django;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.jwtauth.TestUsers;
import dev.jwtauth.Timings;
import dev.jwtauth.user.UserImport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a refused signin takes, over real HTTP, must not tell an unknown user from an
 * account created here, one imported with an unusable password, or one imported with a
 * Django PBKDF2 hash of 260,000 iterations (twice the work of the service's own hash).
 * The kinds of request take turns in a shuffled order, so that a busy machine slows them
 * alike; medians, compared with a wide margin, ignore the odd slow request. One suite,
 * run on each database the service supports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "auth.throttle.per-account.max-failures=100000",
				"auth.throttle.per-client.max-failures=100000" })
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
abstract class SigninTimingTests {

	private static final int WARM_UP_ROUNDS = 4;

	private static final int ROUNDS = 15;

	/**
	 * How far a median may stray from the unknown user's: today's hashes differ by a
	 * factor of two or three, noise on a shared machine by far less once medians are
	 * taken.
	 */
	private static final double MARGIN = 1.3;

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private UserImport imports;

	@BeforeEach
	void users() throws Exception {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
		this.imports.importAll(DumpdataFile.read(DjangoFixtures.dumpdata()));
		TestUsers.signup(this.client, "nina");
	}

	@Test
	void signinWhenPasswordWrongThenTakesAsLongWhateverTheAccountAndItsHash() {
		Map<String, String> accounts = new LinkedHashMap<>();
		accounts.put("unknown user", "nobody");
		accounts.put("created here", "nina");
		accounts.put("unusable password", "erin");
		accounts.put("Django PBKDF2, 260,000 iterations", "ivan");
		assertThat(DjangoFixtures.hash(42)).startsWith("pbkdf2_sha256$260000$");
		assertThat(DjangoFixtures.hash(7)).startsWith("!");

		Map<String, Runnable> signins = new LinkedHashMap<>();
		accounts.forEach((name, username) -> signins.put(name, () -> refusedSignin(username)));
		Map<String, Double> medians = Timings.medianMillis(signins, WARM_UP_ROUNDS, ROUNDS);
		double unknown = medians.get("unknown user");
		assertThat(medians).as("median milliseconds of a refused signin")
			.allSatisfy((name, median) -> assertThat(median).as(name).isBetween(unknown / MARGIN, unknown * MARGIN));
	}

	/** A signin with a wrong password, which must be refused. */
	private void refusedSignin(String username) {
		this.client.post()
			.uri("/users/signin/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"" + username + "\",\"password\":\"wrong-password\"}}")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

}
