package dev.jwtauth.security;

import dev.jwtauth.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every password-hashing slot taken, requests that hash are refused with 503 and
 * {@code Retry-After} in the envelope, change nothing, and do not count as failed
 * signins; requests that do not hash are served as usual.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "auth.password.hashing.max-concurrent=2", "auth.password.hashing.max-wait=50ms" })
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
class PasswordHashingBulkheadTests {

	private static final String BUSY = "{\"user\":{\"errors\":{\"error\":"
			+ "[\"Too many signins at once; try again in a second.\"]}}}";

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordHasher hasher;

	private String token;

	@BeforeEach
	void signup() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
		this.token = TestUsers.signup(this.client, "john");
	}

	@AfterEach
	void freeSlots() {
		this.hasher.slots().drainPermits();
		this.hasher.slots().release(2);
	}

	@Test
	void signinWhenEverySlotBusyThen503AndNoFailureCounted() throws InterruptedException {
		this.hasher.slots().acquire(2);

		for (int i = 0; i < 10; i++) {
			post("/users/signin/", "{\"user\":{\"username\":\"john\",\"password\":\"12345678\"}}", null);
		}
		assertThat(this.jdbc.sql("select coalesce(sum(failures), 0) from signin_failures").query(Long.class).single())
			.isZero();

		this.hasher.slots().release(2);
		this.client.post()
			.uri("/users/signin/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"john\",\"password\":\"12345678\"}}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void signupAndPasswordChangeWhenEverySlotBusyThen503AndNothingWritten() throws InterruptedException {
		String hashBefore = passwordHash();
		this.hasher.slots().acquire(2);

		post("/users/signup/",
				"{\"user\":{\"username\":\"jane\",\"email\":\"jane@example.com\",\"password\":\"12345678\"}}", null);
		post("/users/update_current/", "{\"user\":{\"password\":\"new password\",\"current_password\":\"12345678\"}}",
				this.token);

		assertThat(this.jdbc.sql("select count(*) from users").query(Long.class).single()).isOne();
		assertThat(passwordHash()).isEqualTo(hashBefore);
	}

	@Test
	void authenticatedReadWhenEverySlotBusyThenServed() throws InterruptedException {
		this.hasher.slots().acquire(2);

		this.client.get()
			.uri("/users/current/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + this.token)
			.exchange()
			.expectStatus()
			.isOk();
	}

	private void post(String path, String json, String token) {
		var request = this.client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json);
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Token " + token);
		}
		request.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectBody()
			.json(BUSY);
	}

	private String passwordHash() {
		return this.jdbc.sql("select password_hash from users where username = 'john'").query(String.class).single();
	}

}
