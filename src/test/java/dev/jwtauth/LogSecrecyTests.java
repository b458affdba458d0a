package dev.jwtauth;

import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole flow with debug logging on for the service, Spring MVC and Spring Security: no
 * password, token or secret reaches the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.dev.jwtauth=debug", "logging.level.org.springframework.web=debug",
				// The test's own HTTP client logs what it sends; the service's log is
				// what counts.
				"logging.level.org.springframework.web.client=info",
				"logging.level.org.springframework.security=debug" })
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
@Tag("slow")
class LogSecrecyTests {

	private static final String PASSWORD = "first-Secret-Pass";

	private static final String NEW_PASSWORD = "second-Secret-Pass";

	@Autowired
	private RestTestClient client;

	@Value("${auth.token.secret}")
	private String secret;

	@Test
	void fullFlowThenNoPasswordTokenOrSecretInTheLog(CapturedOutput output) {
		List<String> tokens = new ArrayList<>();
		tokens.add(token(post("/users/signup/",
				"{\"user\":{\"username\":\"logger\",\"email\":\"logger@example.com\",\"password\":\"" + PASSWORD
						+ "\"}}",
				null)));
		tokens.add(token(post("/users/signin/",
				"{\"user\":{\"username\":\"logger\",\"password\":\"" + PASSWORD + "\"}}", null)));
		post("/users/signin/", "{\"user\":{\"username\":\"logger\",\"password\":\"wrong-" + PASSWORD + "\"}}", null);
		tokens.add(token(post("/users/update_current/",
				"{\"user\":{\"password\":\"" + NEW_PASSWORD + "\",\"current_password\":\"" + PASSWORD + "\"}}",
				tokens.get(1))));
		this.client.get()
			.uri("/users/current/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + tokens.get(0))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.get()
			.uri("/users/current/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + tokens.get(2) + "x")
			.exchange()
			.expectStatus()
			.isUnauthorized();

		assertThat(output).contains("SignupRequest")
			.doesNotContain(PASSWORD)
			.doesNotContain(NEW_PASSWORD)
			.doesNotContain(this.secret);
		for (String token : tokens) {
			assertThat(output).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
		}
	}

	private String post(String path, String json, String token) {
		RestTestClient.RequestBodySpec request = this.client.post().uri(path).contentType(MediaType.APPLICATION_JSON);
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Token " + token);
		}
		byte[] body = request.body(json).exchange().expectBody().returnResult().getResponseBody();
		return new String(body);
	}

	private static String token(String body) {
		return JsonPath.read(body, "$.user.token");
	}

}
