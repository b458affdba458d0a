package dev.jwtauth;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a trusted proxy, the client address that signin limits count is the one the
 * proxy forwards in {@code X-Forwarded-For}, provided it is an IP address. One suite, run
 * on each database the service supports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1" })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
@Tag("slow")
abstract class TrustedProxyTests {

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

	@Test
	void signinWhenForwardedForAreIpv6AddressesThenCountedForTheirSlash64() throws Exception {
		for (int i = 1; i <= 5; i++) {
			assertThat(signin("2001:db8::" + i, "wrong-password").status()).isEqualTo(400);
		}

		assertThat(signin("2001:db8::ffff:6", "12345678").status()).isEqualTo(429);
		assertThat(signin("2001:db8:0:1::1", "12345678").status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select distinct client_address from signin_failures").query(String.class).list())
			.containsExactly("2001:db8:0:0::/64");
	}

	static Stream<Arguments> notAnAddress() {
		return Stream.of(Arguments.of("300 characters", "1".repeat(300)),
				Arguments.of("an address and forged log fields", "203.0.113.5 user=7 client=198.51.100.7"),
				Arguments.of("a tab", "203.0.113.5\tforged"), Arguments.of("a folded line", "203.0.113.5\r\n forged"),
				Arguments.of("a host name", "forged.example.com"), Arguments.of("a legacy IPv4 form", "10.1"),
				Arguments.of("an IPv4 address out of range", "256.0.0.1"),
				Arguments.of("a broken IPv6 address", "1::2::3"),
				Arguments.of("a name Java would look up, with a colon", ".:1"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("notAnAddress")
	void signinWhenForwardedForIsNotAnIpAddressThen400AndNothingCountedOrLogged(String description, String forwardedFor,
			CapturedOutput output) throws Exception {
		RawHttp.Response response = signin(forwardedFor, "12345678");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).startsWith("{\"user\":{\"errors\":{\"error\":[");
		assertThat(this.jdbc.sql("select count(*) from signin_failures").query(Long.class).single()).isZero();
		assertThat(output).doesNotContain("Signin succeeded")
			.doesNotContain("forged")
			.doesNotContain("198.51.100.7")
			.doesNotContain(" ERROR ");
	}

	@Test
	void anyRequestWhenForwardedForIsNotAnIpAddressThen400WithTheReason() throws Exception {
		RawHttp.Response response = RawHttp.send(this.port, null, "GET", "/users/current/",
				"X-Forwarded-For: 203.0.113.5 forged\r\n", null);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body())
			.isEqualTo("{\"user\":{\"errors\":{\"error\":[\"The forwarded client address is not an IP address.\"]}}}");
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
