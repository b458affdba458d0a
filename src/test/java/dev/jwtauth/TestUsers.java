package dev.jwtauth;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Users created through the API, as clients create them.
 */
public final class TestUsers {

	/** The password of every user created here. */
	public static final String PASSWORD = "12345678";

	private TestUsers() {
	}

	/**
	 * Signs up {@code username} with the email {@code username@example.com} and
	 * {@link #PASSWORD}, expecting 201.
	 * @return the token of the new user
	 */
	public static String signup(RestTestClient client, String username) {
		byte[] body = client.post()
			.uri("/users/signup/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"%s\",\"email\":\"%s@example.com\",\"password\":\"%s\"}}"
				.formatted(username, username, PASSWORD))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JsonPath.read(new String(body), "$.user.token");
	}

}
