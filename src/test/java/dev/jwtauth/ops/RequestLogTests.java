package dev.jwtauth.ops;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request log and the authentication events, as operators read them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
@Tag("slow")
class RequestLogTests {

	@Autowired
	private RestTestClient client;

	@Test
	void requestWithIdThenEchoedAndOnItsLogLines(CapturedOutput output) {
		this.client.get()
			.uri("/users/current/")
			.header("X-Request-Id", "client-id-42")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("X-Request-Id", "client-id-42");

		assertThat(output)
			.containsPattern("\\[client-id-42\\] .*dev\\.jwtauth\\.request\\s*: GET /users/current/ 401 \\d+ms");
	}

	@Test
	void requestWithoutOrWithAnUnsafeIdThenAFreshOne() {
		for (String given : new String[] { null, "has spaces", "x".repeat(65) }) {
			var request = this.client.get().uri("/users/current/");
			if (given != null) {
				request.header("X-Request-Id", given);
			}
			request.exchange().expectHeader().value("X-Request-Id", (id) -> assertThat(id).matches("[0-9a-f-]{36}"));
		}
	}

	@Test
	void signinThenAuthenticationEventsLogged(CapturedOutput output) {
		this.client.post()
			.uri("/users/signup/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"eve\",\"email\":\"eve@example.com\",\"password\":\"12345678\"}}")
			.exchange()
			.expectStatus()
			.isCreated();
		this.client.post()
			.uri("/users/signin/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"eve\",\"password\":\"wrong-password\"}}")
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.post()
			.uri("/users/signin/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"eve\",\"password\":\"12345678\"}}")
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(output).contains("Signin refused: client=127.0.0.1")
			.containsPattern("Signin succeeded: user=\\d+ client=127\\.0\\.0\\.1");
	}

	@Test
	void safeThenNoPasswordInTheDatabaseUrl() {
		assertThat(StartupReport.safe("jdbc:postgresql://db:5432/auth?user=app&password=s3cret&ssl=true"))
			.isEqualTo("jdbc:postgresql://db:5432/auth?user=app&password=***&ssl=true");
		assertThat(StartupReport.safe("jdbc:mysql://app:s3cret@db/auth")).isEqualTo("jdbc:mysql://***@db/auth");
	}

}
