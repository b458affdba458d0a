package dev.jwtauth.user;

import dev.jwtauth.TestPostgres;
import dev.jwtauth.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A production database without an SMTP host: mail is off, and what exists to send mail
 * says so instead of accepting a mail that would go nowhere; the rest works without mail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
class PostgresMailOffTests {

	private static final String MAIL_OFF = "{\"user\":{\"errors\":{\"error\":"
			+ "[\"Mail is not configured on this server, so this cannot be done.\"]}}}";

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
	}

	@Test
	void mailEndpointsWhenMailOffThen503AndSignupStillWorks() {
		this.jdbc.sql("delete from users where username = 'tom'").update();
		String token = TestUsers.signup(this.client, "tom");

		this.client.post()
			.uri("/users/password_reset/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"email\":\"tom@example.com\"}}")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.json(MAIL_OFF, JsonCompareMode.STRICT);
		this.client.post()
			.uri("/users/verify_email/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + token)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.json(MAIL_OFF, JsonCompareMode.STRICT);
		this.client.get()
			.uri("/users/current/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + token)
			.exchange()
			.expectStatus()
			.isOk();
	}

}
