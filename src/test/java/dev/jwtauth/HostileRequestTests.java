package dev.jwtauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.jayway.jsonpath.JsonPath;
import dev.jwtauth.security.TokenService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service refuses: forged and malformed tokens through the real filter chain,
 * and hostile bodies and headers, over raw HTTP so that nothing is cleaned up on the way.
 * Each gets a 4xx in the envelope, changes nothing and logs no error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class HostileRequestTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Value("${auth.token.secret}")
	private String secret;

	private long userId;

	@BeforeEach
	void oneUser() throws IOException {
		this.jdbc.sql("delete from users").update();
		RawHttp.Response signup = send("POST", "/users/signup/", "Content-Type: application/json\r\n",
				"{\"user\":{\"username\":\"john\",\"email\":\"john@example.com\",\"password\":\"12345678\"}}"
					.getBytes(StandardCharsets.UTF_8));
		assertThat(signup.status()).isEqualTo(201);
		this.userId = this.jdbc.sql("select id from users").query(Long.class).single();
	}

	static Stream<Arguments> hostileTokens() {
		return Stream.of(Arguments.of("alg none", "none"), Arguments.of("HS384 over the secret", "HS384"),
				Arguments.of("HS512 over the secret", "HS512"), Arguments.of("RS256 with its own key", "RS256"),
				Arguments.of("unknown kid", "kid"), Arguments.of("tampered payload", "payload"),
				Arguments.of("tampered signature", "signature"), Arguments.of("no exp", "no-exp"),
				Arguments.of("iat in the future", "future"), Arguments.of("id as a string", "string-id"),
				Arguments.of("payload not JSON", "not-json"), Arguments.of("empty parts", ".."));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileTokens")
	void forgedOrMalformedTokenThen401InEnvelope(String description, String kind, CapturedOutput output)
			throws Exception {
		RawHttp.Response response = send("GET", "/users/current/", "Authorization: Token " + forge(kind) + "\r\n",
				null);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Token");
		assertThat(response.body()).isEqualTo("{\"user\":{\"errors\":{\"error\":[\"Invalid token.\"]}}}");
		assertThat(output).doesNotContain(" ERROR ");
	}

	@Test
	void validTokenThenAcceptedSoTheForgeriesAboveFailForTheirFlawAlone() throws Exception {
		RawHttp.Response response = send("GET", "/users/current/", "Authorization: Token " + forge("valid") + "\r\n",
				null);

		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void tokenOf20KilobytesThenRefusedByTheServerInEnvelope(CapturedOutput output) throws Exception {
		RawHttp.Response response = send("GET", "/users/current/",
				"Authorization: Token " + "a".repeat(20_000) + "\r\n", null);

		assertThat(response.status()).isIn(400, 431);
		assertThat(response.body()).startsWith("{\"user\":{\"errors\":{\"error\":[");
		assertThat(output).doesNotContain(" ERROR ");
	}

	@Test
	void controlCharactersOrWhitespaceInTheAuthorizationHeaderThenRefused(CapturedOutput output) throws Exception {
		String token = forge("valid");
		for (String header : new String[] { "Token \u0001" + token, "Token " + token + "\u0007",
				"Token\t" + token + " x", "Token " + token.substring(0, 10) + " " + token.substring(10) }) {
			RawHttp.Response response = send("GET", "/users/current/", "Authorization: " + header + "\r\n", null);

			assertThat(response.status()).as(header).isIn(400, 401);
			assertThat(response.body()).as(header).startsWith("{\"user\":{\"errors\":{\"error\":[");
		}
		assertThat(output).doesNotContain(" ERROR ");
	}

	static Stream<Arguments> hostileBodies() {
		byte[] invalidUtf8 = { '{', '"', 'u', 's', 'e', 'r', '"', ':', '{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e',
				'"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '}' };
		return Stream.of(Arguments.of("1 MB body", 413, signup("x".repeat(1_000_000))),
				Arguments.of("10 000 levels of nesting", 400,
						("{\"user\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")
							.getBytes(StandardCharsets.UTF_8)),
				Arguments.of("raw NUL byte", 400, signup("mal\u0000lory")),
				Arguments.of("escaped NUL", 400, signup("mal\\u0000lory")),
				Arguments.of("invalid UTF-8", 400, invalidUtf8),
				Arguments.of("number for a string", 400,
						"{\"user\":{\"username\":1e400,\"email\":\"a@example.com\",\"password\":\"12345678\"}}"
							.getBytes(StandardCharsets.UTF_8)),
				Arguments.of("duplicate keys", 400,
						"{\"user\":{\"username\":\"a\",\"username\":\"b\",\"email\":\"a@example.com\",\"password\":\"12345678\"}}"
							.getBytes(StandardCharsets.UTF_8)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileBodies")
	void hostileBodyThen4xxInEnvelopeAndNothingWritten(String description, int status, byte[] body,
			CapturedOutput output) throws Exception {
		RawHttp.Response response = send("POST", "/users/signup/", "Content-Type: application/json\r\n", body);

		assertThat(response.status()).isEqualTo(status);
		assertThat(response.body()).startsWith("{\"user\":{\"errors\":{");
		assertThat(this.jdbc.sql("select count(*) from users").query(Long.class).single()).isOne();
		assertThat(output).doesNotContain(" ERROR ");
	}

	@Test
	void header16KilobytesThenRefusedInEnvelope(CapturedOutput output) throws Exception {
		RawHttp.Response response = send("POST", "/users/signup/",
				"Content-Type: application/json\r\nX-Padding: " + "p".repeat(16 * 1024) + "\r\n", signup("mallory"));

		assertThat(response.status()).isIn(400, 431);
		assertThat(response.body()).startsWith("{\"user\":{\"errors\":{\"error\":[");
		assertThat(this.jdbc.sql("select count(*) from users").query(Long.class).single()).isOne();
		assertThat(output).doesNotContain(" ERROR ");
	}

	private static byte[] signup(String username) {
		return ("{\"user\":{\"username\":\"" + username + "\",\"email\":\"m@example.com\",\"password\":\"12345678\"}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private String forge(String kind) throws Exception {
		byte[] secret = Base64.getDecoder().decode(this.secret);
		long now = Instant.now().getEpochSecond();
		String kid = TokenService.keyId(secret);
		String claims = "{\"id\":%d,\"sub\":\"%d\",\"ver\":0,\"iat\":%d,\"exp\":%d}".formatted(this.userId, this.userId,
				now, now + 600);
		return switch (kind) {
			case "valid" -> hmac("HS256", kid, claims, secret);
			case "none" -> base64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + base64(claims) + ".";
			case "HS384", "HS512" -> hmac(kind, kid, claims, secret);
			case "RS256" -> rsa(kid, claims);
			case "kid" -> hmac("HS256", "not-a-key", claims, secret);
			case "payload" -> {
				String[] parts = hmac("HS256", kid, claims, secret).split("\\.");
				yield parts[0] + "." + base64(claims.replace("\"ver\":0", "\"ver\":0 ")) + "." + parts[2];
			}
			case "signature" -> {
				String valid = hmac("HS256", kid, claims, secret);
				yield valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
			}
			case "no-exp" -> hmac("HS256", kid,
					"{\"id\":%d,\"sub\":\"%d\",\"ver\":0,\"iat\":%d}".formatted(this.userId, this.userId, now), secret);
			case "future" -> hmac("HS256", kid, "{\"id\":%d,\"sub\":\"%d\",\"ver\":0,\"iat\":%d,\"exp\":%d}"
				.formatted(this.userId, this.userId, now + 300, now + 900), secret);
			case "string-id" ->
				hmac("HS256", kid, claims.replace("\"id\":" + this.userId, "\"id\":\"" + this.userId + "\""), secret);
			case "not-json" -> hmac("HS256", kid, "not json at all", secret);
			default -> kind;
		};
	}

	private static String hmac(String algorithm, String kid, String claims, byte[] secret) throws Exception {
		String input = base64("{\"alg\":\"" + algorithm + "\",\"kid\":\"" + kid + "\"}") + "." + base64(claims);
		String jca = "Hmac" + algorithm.replace("HS", "SHA");
		Mac mac = Mac.getInstance(jca);
		mac.init(new SecretKeySpec(secret, jca));
		return input + "."
				+ Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
	}

	private static String rsa(String kid, String claims) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String input = base64("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}") + "." + base64(claims);
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initSign(generator.generateKeyPair().getPrivate());
		signature.update(input.getBytes(StandardCharsets.US_ASCII));
		return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private RawHttp.Response send(String method, String path, String headers, byte[] body) throws IOException {
		return RawHttp.send(this.port, null, method, path, headers, body);
	}

}
