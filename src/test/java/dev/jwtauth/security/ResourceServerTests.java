package dev.jwtauth.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import dev.jwtauth.JwtAuthApplication;
import dev.jwtauth.TestUsers;
import example.orders.OrdersApplication;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/VERIFYING.md, run: a stock Spring Boot resource server (example.orders) that knows
 * only the service's JWK Set URI, issuer, algorithm and audience accepts the service's
 * tokens over HTTP and refuses altered, expired and forged ones, also while keys rotate.
 */
@Tag("slow")
class ResourceServerTests {

	private static final String ISSUER = "https://auth.example.test";

	private static final KeyPair KEY_A = TokenAlgorithm.ES256.generateKeyPair();

	private static final KeyPair KEY_B = TokenAlgorithm.ES256.generateKeyPair();

	/**
	 * Nimbus's reason when no published key of an accepted algorithm has the token's kid.
	 */
	private static final String NO_KEY = "Another algorithm expected, or no matching key(s) found";

	/** An instance of the service signing with key A. */
	private static ConfigurableApplicationContext auth;

	/** The resource server that verifies the tokens of {@link #auth}. */
	private static ConfigurableApplicationContext orders;

	@BeforeAll
	static void startBoth() {
		auth = auth(TokenAlgorithm.ES256, KEY_A);
		orders = orders(auth, TokenAlgorithm.ES256);
	}

	@AfterAll
	static void stopBoth() {
		orders.close();
		auth.close();
	}

	@Test
	void tokenWhenFromSigninThenAcceptedAsTheUserItsSubjectNames() {
		TestUsers.signup(client(auth), "orders-alice");
		String token = signin(auth, "orders-alice");

		assertAccepted(whoami(orders, token), token);
	}

	/**
	 * The tokens the tests below alter are made the same way; unaltered, they pass, so
	 * that each refusal is owed to its one change.
	 */
	@Test
	void tokenWhenSignedAgainWithTheSameClaimsAndKeyThenAccepted() {
		String token = TestUsers.signup(client(auth), "orders-copy");

		String copy = resigned(token, (claims) -> {
		});

		assertThat(copy).isNotEqualTo(token);
		assertAccepted(whoami(orders, copy), token);
	}

	@Test
	void tokenWhenPayloadChangedAndSignatureKeptThen401() {
		String token = TestUsers.signup(client(auth), "orders-tampered");
		Map<String, Object> claims = claims(token);
		claims.put("sub", "1" + claims.get("sub"));
		String[] parts = token.split("\\.");
		String tampered = parts[0] + "." + base64Url(JsonMapper.shared().writeValueAsString(claims)) + "." + parts[2];

		assertRefused(whoami(orders, tampered), "Invalid signature");
	}

	@Test
	void tokenWhenExpiredThen401() {
		String token = TestUsers.signup(client(auth), "orders-expired");
		// Well past the 60 seconds Spring Security tolerates
		Instant expiry = Instant.now().minus(Duration.ofMinutes(5));

		String expired = resigned(token, (claims) -> {
			claims.put("iat", expiry.minus(Duration.ofHours(1)).getEpochSecond());
			claims.put("exp", expiry.getEpochSecond());
		});

		assertRefused(whoami(orders, expired), "Jwt expired at");
	}

	@Test
	void tokenWhenFromAnotherIssuerThen401() {
		String token = TestUsers.signup(client(auth), "orders-issuer");

		String otherIssuer = resigned(token, (claims) -> claims.put("iss", "https://other.example.test"));

		assertRefused(whoami(orders, otherIssuer), "The iss claim is not valid");
	}

	@Test
	void tokenWhenForAnotherAudienceThen401() {
		String token = TestUsers.signup(client(auth), "orders-audience");

		String otherAudience = resigned(token, (claims) -> claims.put("aud", "billing"));

		assertRefused(whoami(orders, otherAudience), "The aud claim is not valid");
	}

	@Test
	void tokenWhenHs256OverThePublishedKeyNamingItsKidThen401() {
		String token = TestUsers.signup(client(auth), "orders-hmac");
		String forged = Jwts.builder()
			.header()
			.keyId(keyId(token))
			.and()
			.claims(claims(token))
			.signWith(Keys.hmacShaKeyFor(KEY_A.getPublic().getEncoded()), Jwts.SIG.HS256)
			.compact();

		assertRefused(whoami(orders, forged), NO_KEY);
	}

	@Test
	void requestWhenNoTokenThen401() {
		EntityExchangeResult<String> answer = client(orders).get()
			.uri("/orders/whoami")
			.exchange()
			.returnResult(String.class);

		assertThat(answer.getStatus().value()).isEqualTo(401);
		assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer")
			.doesNotContain("error=");
	}

	@Test
	void tokenOfThePreviousKeyWhenItsPublicKeyIsStillPublishedThenAccepted() {
		String tokenOfA = TestUsers.signup(client(auth), "rotation-a");
		try (ConfigurableApplicationContext rotated = auth(TokenAlgorithm.ES256, KEY_B, KEY_A);
				ConfigurableApplicationContext ordersOfRotated = orders(rotated, TokenAlgorithm.ES256)) {
			String tokenOfB = TestUsers.signup(client(rotated), "rotation-b");

			assertThat(keyId(tokenOfB)).isNotEqualTo(keyId(tokenOfA));
			assertAccepted(whoami(ordersOfRotated, tokenOfB), tokenOfB);
			assertAccepted(whoami(ordersOfRotated, tokenOfA), tokenOfA);
		}
	}

	/**
	 * The resource server keeps the key set it fetched; a token naming a key it does not
	 * know makes it fetch the set again, so that it needs no restart when keys rotate.
	 */
	@Test
	void tokenOfANewKeyWhenTheKeySetWasFetchedBeforeTheRotationThenAccepted() {
		ConfigurableApplicationContext beforeRotation = auth(TokenAlgorithm.ES256, KEY_A);
		int port = port(beforeRotation);
		try (ConfigurableApplicationContext ordersOfBoth = orders(beforeRotation, TokenAlgorithm.ES256)) {
			String tokenOfA = TestUsers.signup(client(beforeRotation), "refetch-a");
			assertAccepted(whoami(ordersOfBoth, tokenOfA), tokenOfA);
			beforeRotation.close();
			try (ConfigurableApplicationContext afterRotation = auth(port, TokenAlgorithm.ES256, KEY_B, KEY_A)) {
				String tokenOfB = TestUsers.signup(client(afterRotation), "refetch-b");

				assertAccepted(whoami(ordersOfBoth, tokenOfB), tokenOfB);
				assertAccepted(whoami(ordersOfBoth, tokenOfA), tokenOfA);
			}
		}
		finally {
			beforeRotation.close();
		}
	}

	/**
	 * Once the last token of key A has expired, its public key is no longer published.
	 */
	@Test
	void tokenOfThePreviousKeyWhenItsPublicKeyIsRemovedThen401() {
		String tokenOfA = TestUsers.signup(client(auth), "retired-a");
		try (ConfigurableApplicationContext retired = auth(TokenAlgorithm.ES256, KEY_B);
				ConfigurableApplicationContext ordersOfRetired = orders(retired, TokenAlgorithm.ES256)) {
			String tokenOfB = TestUsers.signup(client(retired), "retired-b");

			assertRefused(whoami(ordersOfRetired, tokenOfA), NO_KEY);
			assertAccepted(whoami(ordersOfRetired, tokenOfB), tokenOfB);
		}
	}

	@Test
	void tokenWhenSignedWithRs256ThenAcceptedByAResourceServerExpectingRs256() {
		try (ConfigurableApplicationContext rsaAuth = auth(TokenAlgorithm.RS256,
				TokenAlgorithm.RS256.generateKeyPair());
				ConfigurableApplicationContext rsaOrders = orders(rsaAuth, TokenAlgorithm.RS256)) {
			String token = TestUsers.signup(client(rsaAuth), "orders-rsa");

			assertThat(JsonPath.<String>read(part(token, 0), "$.alg")).isEqualTo("RS256");
			assertAccepted(whoami(rsaOrders, token), token);
		}
	}

	private static void assertAccepted(EntityExchangeResult<String> answer, String token) {
		assertThat(answer.getStatus().value()).isEqualTo(200);
		assertThat(answer.getResponseBody()).isNotBlank().isEqualTo(claims(token).get("sub"));
	}

	/**
	 * A 401 that names the token invalid, for the reason Spring Security gives in the
	 * header's error_description.
	 */
	private static void assertRefused(EntityExchangeResult<String> answer, String reason) {
		assertThat(answer.getStatus().value()).isEqualTo(401);
		assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.startsWith("Bearer error=\"invalid_token\"")
			.contains(reason);
	}

	/**
	 * The token's claims, changed by {@code change}, signed again with key A under the
	 * {@code kid} the service gave it.
	 */
	private static String resigned(String token, Consumer<Map<String, Object>> change) {
		Map<String, Object> claims = claims(token);
		change.accept(claims);
		return Jwts.builder()
			.header()
			.keyId(keyId(token))
			.and()
			.claims(claims)
			.signWith(KEY_A.getPrivate(), Jwts.SIG.ES256)
			.compact();
	}

	/**
	 * An instance of the service on a free port and its own in-memory database, signing
	 * with {@code key} and still verifying with the public keys of {@code previous}.
	 */
	private static ConfigurableApplicationContext auth(TokenAlgorithm algorithm, KeyPair key, KeyPair... previous) {
		return auth(0, algorithm, key, previous);
	}

	/** The same, on {@code port}: where an earlier instance served. */
	private static ConfigurableApplicationContext auth(int port, TokenAlgorithm algorithm, KeyPair key,
			KeyPair... previous) {
		String previousPublicKeys = Stream.of(previous)
			.map((earlier) -> pem("PUBLIC KEY", earlier.getPublic().getEncoded()))
			.collect(Collectors.joining("\n"));
		return new SpringApplicationBuilder(JwtAuthApplication.class).profiles("test")
			.run("--server.port=" + port, "--auth.token.algorithm=" + algorithm,
					"--auth.token.private-key=" + pem("PRIVATE KEY", key.getPrivate().getEncoded()),
					"--auth.token.previous-public-keys=" + previousPublicKeys, "--auth.token.issuer=" + ISSUER,
					"--auth.token.audience=orders");
	}

	/** A resource server that knows only where {@code auth} publishes its keys. */
	private static ConfigurableApplicationContext orders(ConfigurableApplicationContext auth,
			TokenAlgorithm algorithm) {
		return OrdersApplication.run("--auth-service.url=" + url(auth), "--auth-service.algorithm=" + algorithm);
	}

	private static EntityExchangeResult<String> whoami(ConfigurableApplicationContext orders, String token) {
		return client(orders).get()
			.uri("/orders/whoami")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.returnResult(String.class);
	}

	private static String signin(ConfigurableApplicationContext auth, String username) {
		String body = client(auth).post()
			.uri("/users/signin/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"%s\",\"password\":\"%s\"}}".formatted(username, TestUsers.PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		return JsonPath.read(body, "$.user.token");
	}

	private static Map<String, Object> claims(String token) {
		return JsonPath.read(part(token, 1), "$");
	}

	private static String keyId(String token) {
		return JsonPath.read(part(token, 0), "$.kid");
	}

	private static String part(String token, int index) {
		return new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static String pem(String kind, byte[] der) {
		return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + kind
				+ "-----";
	}

	private static String url(ConfigurableApplicationContext context) {
		return "http://127.0.0.1:" + port(context);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static RestTestClient client(ConfigurableApplicationContext context) {
		return RestTestClient.bindToServer().baseUrl(url(context)).build();
	}

}
