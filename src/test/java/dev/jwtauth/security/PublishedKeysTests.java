package dev.jwtauth.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;

import com.jayway.jsonpath.JsonPath;
import dev.jwtauth.TestUsers;
import dev.jwtauth.TokenRequests;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.ProtectedHeader;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens signed with ES256 and the JWK Set that verifies them, over HTTP: what another
 * service fetches and checks a token with, on each database the service supports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
abstract class PublishedKeysTests {

	private static final KeyPair KEYS = TokenAlgorithm.ES256.generateKeyPair();

	@Autowired
	private RestTestClient client;

	@DynamicPropertySource
	static void es256(DynamicPropertyRegistry registry) {
		registry.add("auth.token.algorithm", () -> "ES256");
		registry.add("auth.token.private-key",
				() -> "-----BEGIN PRIVATE KEY-----\n"
						+ Base64.getMimeEncoder().encodeToString(KEYS.getPrivate().getEncoded())
						+ "\n-----END PRIVATE KEY-----");
		registry.add("auth.token.issuer", () -> "https://auth.example.com");
		registry.add("auth.token.audience", () -> "orders");
	}

	@Test
	void jwksThenTheSigningKeyWithoutItsPrivatePartsCacheable() {
		EntityExchangeResult<String> keys = jwks();

		assertThat(keys.getStatus().value()).isEqualTo(200);
		assertThat(keys.getResponseHeaders().getContentType()).hasToString("application/json");
		assertThat(keys.getResponseHeaders().getCacheControl()).isEqualTo("max-age=300, public");
		List<Map<String, Object>> published = JsonPath.read(keys.getResponseBody(), "$.keys");
		assertThat(published).singleElement()
			.satisfies((key) -> assertThat(key).containsEntry("kty", "EC")
				.containsEntry("alg", "ES256")
				.containsEntry("use", "sig")
				.containsKeys("kid", "crv", "x", "y")
				.doesNotContainKey("d"));
	}

	@Test
	void jwksWhenAskedAgainWithItsEntityTagThenNotModified() {
		String entityTag = jwks().getResponseHeaders().getETag();

		this.client.get()
			.uri("/.well-known/jwks.json")
			.header(HttpHeaders.IF_NONE_MATCH, entityTag)
			.exchange()
			.expectStatus()
			.isNotModified();
	}

	@Test
	void tokenThenVerifiedByThePublishedKeyWithItsClaims() {
		String token = TestUsers.signup(this.client, "es256-user");
		JwkSet set = Jwks.setParser().build().parse(jwks().getResponseBody());

		Jwts.parser().keyLocator((header) -> {
			String keyId = ((ProtectedHeader) header).getKeyId();
			return set.getKeys().stream().filter((jwk) -> jwk.getId().equals(keyId)).findFirst().orElseThrow().toKey();
		}).build().parseSignedClaims(token);

		assertThat(part(token, 1)).containsEntry("iss", "https://auth.example.com")
			.containsEntry("aud", "orders")
			.containsKeys("sub", "iat", "exp", "jti", "id", "ver");
		assertThat(header(token)).containsEntry("alg", "ES256");
		assertThat(TokenRequests.exchange(this.client.get().uri("/users/current/"), token).getStatus().value())
			.isEqualTo(200);
	}

	@Test
	void tokenWhenSignedWithAnHmacOverThePublishedKeyThenRefused() {
		String token = TestUsers.signup(this.client, "es256-forgery");
		Map<String, Object> header = header(token);
		SecretKey publicKeyAsSecret = Keys.hmacShaKeyFor(KEYS.getPublic().getEncoded());
		String forged = Jwts.builder()
			.header()
			.keyId((String) header.get("kid"))
			.and()
			.claims(part(token, 1))
			.signWith(publicKeyAsSecret, Jwts.SIG.HS256)
			.compact();

		assertThat(TokenRequests.exchange(this.client.get().uri("/users/current/"), forged).getStatus().value())
			.isEqualTo(401);
	}

	private EntityExchangeResult<String> jwks() {
		return this.client.get().uri("/.well-known/jwks.json").exchange().returnResult(String.class);
	}

	private static Map<String, Object> header(String token) {
		return part(token, 0);
	}

	private static Map<String, Object> part(String token, int index) {
		return JsonPath
			.read(new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8), "$");
	}

}
