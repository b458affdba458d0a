package dev.jwtauth.django;

import dev.jwtauth.user.UserImport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * After the cut-off, the original's tokens are refused like any foreign token, while its
 * users still sign in with their passwords.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "auth.django.secret-key=original-django-key", "auth.django.tokens-until=2024-01-01T00:00:00Z" })
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
class DjangoTokenWindowClosedTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private UserImport userImport;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void originalTokenWhenTheCutOffHasPassedThen401() throws Exception {
		this.jdbc.sql("delete from users").update();
		try (var users = DumpdataFile.read(DjangoFixtures.dumpdata())) {
			this.userImport.importAll(users);
		}

		this.client.get()
			.uri("/users/current/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + DjangoFixtures.token("alice"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.user.errors.error[0]")
			.isEqualTo("Invalid token.");
		this.client.post()
			.uri("/users/signin/")
			.header("Content-Type", "application/json")
			.body("{\"user\":{\"username\":\"alice\",\"password\":\"" + DjangoFixtures.password("alice") + "\"}}")
			.exchange()
			.expectStatus()
			.isOk();
	}

}
