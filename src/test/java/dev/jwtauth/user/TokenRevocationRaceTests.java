package dev.jwtauth.user;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import dev.jwtauth.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
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
 * A thief keeps changing an account with a stolen token, taking each new token it is
 * given, while the owner or staff revokes every token. Whatever the interleaving, no
 * token the thief ends up with works, and no request sent after the revocation answered
 * changes anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
abstract class TokenRevocationRaceTests {

	private static final int THIEVES = 3;

	private static final int ROUNDS = 5;

	/** Successful thefts before the owner acts, so that the thieves are in full swing. */
	private static final int HEAD_START = 10;

	/** Requests each thief makes after the revocation, at most. */
	private static final int AFTERWARDS = 50;

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	private String staffToken;

	@BeforeEach
	void staff() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
		TestUsers.signup(this.client, "admin");
		this.jdbc.sql("update users set is_staff = true, is_superuser = true where username = 'admin'").update();
		this.staffToken = read(
				post("/users/signin/",
						"{\"user\":{\"username\":\"admin\",\"password\":\"" + TestUsers.PASSWORD + "\"}}", null),
				"$.user.token");
	}

	enum Revocation {

		SIGN_OUT, PASSWORD_CHANGE, DEACTIVATION, DELETION

	}

	@ParameterizedTest
	@EnumSource(Revocation.class)
	void changeWhenRacingARevocationThenNoTokenOfTheThiefWorks(Revocation revocation) throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			String victim = "victim" + round;
			String ownerToken = TestUsers.signup(this.client, victim);
			String stolen = read(post("/users/signin/",
					"{\"user\":{\"username\":\"" + victim + "\",\"password\":\"" + TestUsers.PASSWORD + "\"}}", null),
					"$.user.token");
			Theft theft = new Theft(stolen);
			ExecutorService thieves = Executors.newFixedThreadPool(THIEVES);
			try {
				List<Future<?>> running = IntStream.range(0, THIEVES)
					.<Future<?>>mapToObj((thief) -> thieves.submit(() -> steal(theft, victim, thief)))
					.toList();
				assertThat(theft.headStart.await(60, TimeUnit.SECONDS)).isTrue();
				revoke(revocation, victim, ownerToken);
				theft.revoked.set(true);
				for (Future<?> thief : running) {
					thief.get(60, TimeUnit.SECONDS);
				}
			}
			finally {
				thieves.shutdownNow();
			}
			if (revocation == Revocation.DEACTIVATION) {
				// Reactivation revives no token: the thief's stay revoked.
				assertThat(patch("/users/" + victim + "/", "{\"user\":{\"is_active\":true}}", this.staffToken))
					.isEqualTo(200);
			}
			for (String token : theft.tokens) {
				assertThat(get("/users/current/", token)).as("a token the thief kept, round %d", round).isEqualTo(401);
			}
			assertThat(theft.changedAfterRevocation).as("changes sent after the revocation").isEmpty();
		}
	}

	/** Changes the victim's email with the newest token until refused or done. */
	private void steal(Theft theft, String victim, int thief) {
		for (int i = 0, afterwards = 0; afterwards < AFTERWARDS; i++) {
			boolean sentAfterRevocation = theft.revoked.get();
			String email = victim + "-thief" + thief + "-" + i + "@example.com";
			EntityExchangeResult<String> result = post("/users/update_current/",
					"{\"user\":{\"email\":\"" + email + "\"}}", theft.newest.get());
			if (result.getStatus().value() == 200) {
				String token = read(result, "$.user.token");
				theft.tokens.add(token);
				theft.newest.set(token);
				if (sentAfterRevocation) {
					theft.changedAfterRevocation.add(email);
				}
				if (theft.successes.incrementAndGet() == HEAD_START) {
					theft.headStart.countDown();
				}
			}
			else {
				assertThat(result.getStatus().value()).isIn(400, 401);
			}
			if (sentAfterRevocation) {
				afterwards++;
			}
		}
	}

	private void revoke(Revocation revocation, String victim, String ownerToken) {
		String password = TestUsers.PASSWORD;
		int status = switch (revocation) {
			case SIGN_OUT -> post("/users/signout/", "", ownerToken).getStatus().value();
			case PASSWORD_CHANGE -> post("/users/update_current/",
					"{\"user\":{\"password\":\"new-password\",\"current_password\":\"" + password + "\"}}", ownerToken)
				.getStatus()
				.value();
			case DEACTIVATION -> patch("/users/" + victim + "/", "{\"user\":{\"is_active\":false}}", this.staffToken);
			case DELETION -> exchange(this.client.method(HttpMethod.DELETE)
				.uri("/users/current/")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"user\":{\"password\":\"" + password + "\"}}"), ownerToken).getStatus().value();
		};
		assertThat(status).as("the revocation").isIn(200, 204);
	}

	private EntityExchangeResult<String> post(String path, String json, String token) {
		return exchange(this.client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json), token);
	}

	private int patch(String path, String json, String token) {
		return exchange(this.client.patch().uri(path).contentType(MediaType.APPLICATION_JSON).body(json), token)
			.getStatus()
			.value();
	}

	private int get(String path, String token) {
		return exchange(this.client.get().uri(path), token).getStatus().value();
	}

	/**
	 * What the thieves share: the newest token, every token got, and what they changed.
	 */
	private static final class Theft {

		final AtomicReference<String> newest;

		final Set<String> tokens = ConcurrentHashMap.newKeySet();

		final Set<String> changedAfterRevocation = ConcurrentHashMap.newKeySet();

		final AtomicInteger successes = new AtomicInteger();

		final CountDownLatch headStart = new CountDownLatch(1);

		final AtomicBoolean revoked = new AtomicBoolean();

		Theft(String stolen) {
			this.newest = new AtomicReference<>(stolen);
			this.tokens.add(stolen);
		}

	}

}
