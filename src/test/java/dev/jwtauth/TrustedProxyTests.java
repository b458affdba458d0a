package dev.jwtauth;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a trusted proxy, the client address that signin limits count is the one the
 * proxy forwards in {@code X-Forwarded-For}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1" })
@ActiveProfiles("test")
class TrustedProxyTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void oneUser() throws Exception {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
		assertThat(send(null, "/users/signup/",
				"{\"user\":{\"username\":\"john\",\"email\":\"john@example.com\",\"password\":\"12345678\"}}")
			.status()).isEqualTo(201);
	}

	@Test
	void signinWhenForwardedByTheTrustedProxyThenLimitedPerForwardedClient() throws Exception {
		for (int i = 0; i < 5; i++) {
			assertThat(signin("203.0.113.5", "wrong-password").status()).isEqualTo(400);
		}

		assertThat(signin("203.0.113.5", "12345678").status()).isEqualTo(429);
		assertThat(signin("203.0.113.6", "12345678").status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select distinct client_address from signin_failures").query(String.class).list())
			.contains("203.0.113.5")
			.doesNotContain("127.0.0.1");
	}

	private RawHttp.Response signin(String forwardedFor, String password) throws Exception {
		return send(forwardedFor, "/users/signin/",
				"{\"user\":{\"username\":\"john\",\"password\":\"" + password + "\"}}");
	}

	private RawHttp.Response send(String forwardedFor, String path, String json) throws Exception {
		String headers = "Content-Type: application/json\r\n"
				+ ((forwardedFor != null) ? "X-Forwarded-For: " + forwardedFor + "\r\n" : "");
		return RawHttp.send(this.port, null, "POST", path, headers, json.getBytes(StandardCharsets.UTF_8));
	}

}
