package dev.jwtauth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.jwtauth.TestUsers.signup;

/**
 * Two instances of the service, as behind a load balancer: two application contexts on
 * two ports, one PostgreSQL database, one signing secret from configuration.
 */
@Tag("slow")
class TwoInstancesTests {

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startBoth() {
		String database = TestPostgres.newDatabase();
		first = start(database);
		second = start(database);
	}

	@AfterAll
	static void stopBoth() {
		second.close();
		first.close();
	}

	@Test
	void userSignedUpOnOneSignsInOnTheOther() {
		signup(client(first), "alice");

		client(second).post()
			.uri("/users/signin/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"ALICE\",\"password\":\"12345678\"}}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.email")
			.isEqualTo("alice@example.com");
	}

	@Test
	void tokenIssuedByOneIsAcceptedByTheOther() {
		String token = signup(client(first), "bob");

		current(second, token).expectStatus().isOk().expectBody().jsonPath("$.user.username").isEqualTo("bob");
	}

	@Test
	void updateThroughOneIsSeenThroughTheOther() {
		String token = signup(client(first), "carol");

		send(client(first).patch().uri("/users/current/"), token, "{\"user\":{\"email\":\"carol@new.example\"}}")
			.expectStatus()
			.isOk();

		current(second, token).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.email")
			.isEqualTo("carol@new.example");
	}

	@Test
	void passwordChangedOnOneRevokesEarlierTokensOnTheOther() {
		String token = signup(client(first), "dave");

		send(client(first).post().uri("/users/update_current/"), token,
				"{\"user\":{\"password\":\"new-password\",\"current_password\":\"12345678\"}}")
			.expectStatus()
			.isOk();

		current(second, token).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.user.errors.error[0]")
			.isEqualTo("Token has been revoked.");
	}

	@Test
	void signoutOnOneRevokesTokensOnTheOther() {
		String token = signup(client(first), "erin");

		client(first).post()
			.uri("/users/signout/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + token)
			.exchange()
			.expectStatus()
			.isNoContent();

		current(second, token).expectStatus().isUnauthorized();
	}

	@Test
	void failedSigninsOnOneCountOnTheOther() {
		signup(client(first), "fred");
		for (int i = 0; i < 5; i++) {
			signin(client((i % 2 == 0) ? first : second), "fred", "wrong-password").expectStatus().isBadRequest();
		}

		signin(client(second), "fred", "12345678").expectStatus().isEqualTo(429);
		signin(client(first), "fred", "12345678").expectStatus().isEqualTo(429);
	}

	private static RestTestClient.ResponseSpec current(ConfigurableApplicationContext instance, String token) {
		return client(instance).get()
			.uri("/users/current/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + token)
			.exchange();
	}

	private static RestTestClient.ResponseSpec send(RestTestClient.RequestBodySpec request, String token, String json) {
		return request.header(HttpHeaders.AUTHORIZATION, "Token " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange();
	}

	private static RestTestClient.ResponseSpec signin(RestTestClient client, String username, String password) {
		return client.post()
			.uri("/users/signin/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"%s\",\"password\":\"%s\"}}".formatted(username, password))
			.exchange();
	}

	private static ConfigurableApplicationContext start(String database) {
		return new SpringApplicationBuilder(JwtAuthApplication.class).profiles("test")
			.run("--server.port=0", "--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
					"--spring.datasource.password=");
	}

	private static RestTestClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

}
