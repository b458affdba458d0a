package dev.jwtauth.security;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import dev.jwtauth.MovableClock;
import dev.jwtauth.security.TokenService.SigningKeys;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TokenServiceTests {

	private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final SecretKey KEY = Keys.hmacShaKeyFor(SECRET);

	private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

	private final TokenService tokens = hmac(List.of(SECRET), Duration.ofHours(24), fixedAt(NOW));

	@Test
	void issueWhenVerifiedThenCarriesUserIdAndVersion() throws Exception {
		String token = this.tokens.issue(42, 3);

		assertThat(this.tokens.verify(token)).isEqualTo(new VerifiedToken(42, 3));
	}

	@Test
	void issueThenHasTheOriginalsClaims() {
		String token = this.tokens.issue(42, 0);

		Map<String, Object> header = json(token.split("\\.")[0]);
		Map<String, Object> claims = json(token.split("\\.")[1]);
		assertThat(header).containsEntry("alg", "HS256").containsEntry("kid", TokenService.keyId(SECRET));
		assertThat(claims).containsEntry("id", 42)
			.containsEntry("sub", "42")
			.containsEntry("ver", 0)
			.containsEntry("iss", "jwt-auth")
			.doesNotContainKey("aud")
			.containsEntry("iat", (int) NOW.getEpochSecond())
			.containsEntry("exp", (int) NOW.plus(Duration.ofHours(24)).getEpochSecond())
			.containsKey("jti");
	}

	@Test
	void issueTwiceThenTokensDiffer() {
		assertThat(this.tokens.issue(42, 0)).isNotEqualTo(this.tokens.issue(42, 0));
	}

	@Test
	void verifyWhenLifetimeOverThenExpired() {
		String token = this.tokens.issue(42, 0);
		TokenService later = hmac(List.of(SECRET), Duration.ofHours(24), fixedAt(NOW.plus(Duration.ofHours(25))));

		assertRejected(later, token, TokenFailure.EXPIRED);
	}

	@Test
	void verifyWhenVerifiedBeforeAndLifetimeOverSinceThenExpired() throws Exception {
		MovableClock clock = new MovableClock(NOW);
		TokenService service = hmac(List.of(SECRET), Duration.ofHours(24), clock);
		String token = service.issue(42, 0);
		assertThat(service.verify(token).userId()).isEqualTo(42);

		clock.move(Duration.ofHours(24).plusSeconds(TokenService.CLOCK_SKEW_SECONDS - 1));
		assertThat(service.verify(token).userId()).isEqualTo(42);
		clock.move(Duration.ofSeconds(2));
		assertRejected(service, token, TokenFailure.EXPIRED);
	}

	@Test
	void verifyWhenAnotherTextOfAVerifiedTokenThenCheckedAgain() throws Exception {
		String token = this.tokens.issue(42, 0);
		this.tokens.verify(token);
		String[] parts = token.split("\\.");
		String otherSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
				+ ((parts[2].endsWith("AA")) ? "BA" : "AA");

		assertRejected(this.tokens, otherSignature, TokenFailure.INVALID);
		assertRejected(this.tokens, token + " ", TokenFailure.INVALID);
	}

	@Test
	void verifyWhenManyTokensThenEachStillVerifiedAndTheRememberedStayBounded() throws Exception {
		String first = this.tokens.issue(1, 0);
		this.tokens.verify(first);
		for (int id = 2; id <= TokenService.MAX_REMEMBERED + 1_000; id++) {
			assertThat(this.tokens.verify(this.tokens.issue(id, 0)).userId()).isEqualTo(id);
		}

		assertThat(this.tokens.remembered()).isBetween(TokenService.MAX_REMEMBERED - 1_000L,
				(long) TokenService.MAX_REMEMBERED);
		assertThat(this.tokens.verify(first).userId()).as("checked again once forgotten").isEqualTo(1);
	}

	@Test
	void verifyWhenARememberedTokenExpiresThenForgottenAndRefused() throws Exception {
		MovableClock clock = new MovableClock(NOW);
		TokenService tokens = hmac(List.of(SECRET), Duration.ofHours(1), clock);
		String token = tokens.issue(42, 0);
		tokens.verify(token);
		assertThat(tokens.remembered()).isOne();

		clock.move(Duration.ofHours(1).plusSeconds(TokenService.CLOCK_SKEW_SECONDS + 1));

		assertThat(tokens.remembered()).isZero();
		assertRejected(tokens, token, TokenFailure.EXPIRED);
	}

	@Test
	void verifyWhenWithinLifetimeThenAccepted() throws Exception {
		String token = this.tokens.issue(42, 0);
		TokenService later = hmac(List.of(SECRET), Duration.ofHours(24), fixedAt(NOW.plus(Duration.ofHours(23))));

		assertThat(later.verify(token).userId()).isEqualTo(42);
	}

	@Test
	void verifyWhenSignedWithAnotherKeyThenInvalid() {
		byte[] other = "another-secret-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII);
		String token = hmac(List.of(other), Duration.ofHours(1), fixedAt(NOW)).issue(42, 0);

		assertRejected(this.tokens, token, TokenFailure.INVALID);
	}

	@Test
	void verifyWhenPayloadTamperedThenInvalid() {
		String[] parts = this.tokens.issue(42, 0).split("\\.");
		String payload = base64Url("{\"id\":1,\"sub\":\"1\",\"ver\":0,\"iat\":%d,\"exp\":%d}"
			.formatted(NOW.getEpochSecond(), NOW.getEpochSecond() + 3600));

		assertRejected(this.tokens, parts[0] + "." + payload + "." + parts[2], TokenFailure.INVALID);
	}

	@Test
	void verifyWhenSignatureTamperedThenInvalid() {
		String token = this.tokens.issue(42, 0);
		char last = token.charAt(token.length() - 2);
		String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
				+ token.charAt(token.length() - 1);

		assertRejected(this.tokens, tampered, TokenFailure.INVALID);
	}

	@Test
	void verifyWhenAlgorithmNoneThenInvalid() {
		String header = base64Url("{\"alg\":\"none\"}");
		String payload = base64Url("{\"id\":42,\"sub\":\"42\",\"ver\":0,\"iat\":%d,\"exp\":%d}"
			.formatted(NOW.getEpochSecond(), NOW.getEpochSecond() + 3600));

		assertRejected(this.tokens, header + "." + payload + ".", TokenFailure.INVALID);
	}

	@Test
	void verifyWhenSignedWithHs512OverTheSameSecretThenInvalid() {
		byte[] longSecret = new byte[64];
		System.arraycopy(SECRET, 0, longSecret, 0, 32);
		System.arraycopy(SECRET, 0, longSecret, 32, 32);
		TokenService service = hmac(List.of(longSecret), Duration.ofHours(1), fixedAt(NOW));
		String token = Jwts.builder()
			.claims(validClaims())
			.signWith(Keys.hmacShaKeyFor(longSecret), Jwts.SIG.HS512)
			.compact();

		assertRejected(service, token, TokenFailure.INVALID);
	}

	@Test
	void verifyWhenAClaimIsGivenTwiceThenInvalid() throws Exception {
		String header = base64Url("{\"kid\":\"%s\",\"alg\":\"HS256\"}".formatted(TokenService.keyId(SECRET)));
		String payload = base64Url("{\"id\":42,\"sub\":\"42\",\"ver\":0,\"iat\":%d,\"exp\":%d,\"id\":42}"
			.formatted(NOW.getEpochSecond(), NOW.getEpochSecond() + 60));
		Mac hmac = Mac.getInstance("HmacSHA256");
		hmac.init(KEY);
		String signature = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(hmac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));

		assertRejected(this.tokens, header + "." + payload + "." + signature, TokenFailure.INVALID);
	}

	@Test
	void verifyWhenExpirationMissingThenInvalid() {
		Map<String, Object> claims = validClaims();
		claims.remove("exp");

		assertRejected(this.tokens, signed(claims), TokenFailure.INVALID);
	}

	@Test
	void verifyWhenIdIsAStringThenInvalid() {
		Map<String, Object> claims = validClaims();
		claims.put("id", "42");

		assertRejected(this.tokens, signed(claims), TokenFailure.INVALID);
	}

	@Test
	void verifyWhenSubjectDisagreesWithIdThenInvalid() {
		Map<String, Object> claims = validClaims();
		claims.put("sub", "7");

		assertRejected(this.tokens, signed(claims), TokenFailure.INVALID);
	}

	@Test
	void verifyWhenVersionMissingThenInvalid() {
		Map<String, Object> claims = validClaims();
		claims.remove("ver");

		assertRejected(this.tokens, signed(claims), TokenFailure.INVALID);
	}

	@Test
	void verifyWhenIssuedInTheFutureBeyondTheSkewThenInvalid() {
		Map<String, Object> claims = validClaims();
		claims.put("iat", NOW.plus(Duration.ofMinutes(5)).getEpochSecond());
		claims.put("exp", NOW.plus(Duration.ofMinutes(10)).getEpochSecond());

		assertRejected(this.tokens, signed(claims), TokenFailure.INVALID);
	}

	@Test
	void verifyWhenAllClaimsValidThenAccepted() throws Exception {
		assertThat(this.tokens.verify(signed(validClaims()))).isEqualTo(new VerifiedToken(42, 0));
	}

	@Test
	void verifyWhenSignedWithAPreviousKeyThenAcceptedWhileNewTokensUseTheCurrentOne() throws Exception {
		byte[] next = "the-next-secret-of-32-bytes-long".getBytes(StandardCharsets.US_ASCII);
		String old = this.tokens.issue(42, 0);
		TokenService rotated = hmac(List.of(next, SECRET), Duration.ofHours(24), fixedAt(NOW));

		assertThat(rotated.verify(old).userId()).isEqualTo(42);
		String fresh = rotated.issue(42, 0);
		assertThat(json(fresh.split("\\.")[0])).containsEntry("kid", TokenService.keyId(next));
		assertRejected(this.tokens, fresh, TokenFailure.INVALID);
	}

	@Test
	void verifyWhenKeyRetiredThenInvalid() {
		byte[] next = "the-next-secret-of-32-bytes-long".getBytes(StandardCharsets.US_ASCII);
		String old = this.tokens.issue(42, 0);
		TokenService retired = hmac(List.of(next), Duration.ofHours(24), fixedAt(NOW));

		assertRejected(retired, old, TokenFailure.INVALID);
	}

	@Test
	void verifyWhenKeyIdUnknownOrMissingThenInvalid() {
		String unknown = Jwts.builder()
			.header()
			.keyId("unknown")
			.and()
			.claims(validClaims())
			.signWith(KEY, Jwts.SIG.HS256)
			.compact();
		String missing = Jwts.builder().claims(validClaims()).signWith(KEY, Jwts.SIG.HS256).compact();

		assertRejected(this.tokens, unknown, TokenFailure.INVALID);
		assertRejected(this.tokens, missing, TokenFailure.INVALID);
	}

	@Test
	void keyIdThenStableAndNotTheSecret() {
		assertThat(TokenService.keyId(SECRET)).isEqualTo(TokenService.keyId(SECRET.clone()))
			.hasSize(12)
			.doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET).substring(0, 8));
	}

	@Test
	void verifyWhenNotAJwtThenInvalid() {
		assertRejected(this.tokens, "not-a-token", TokenFailure.INVALID);
		assertRejected(this.tokens, "a.b.c", TokenFailure.INVALID);
		assertRejected(this.tokens, base64Url("{\"alg\":\"HS256\"}") + "." + base64Url("[1,2]") + ".x",
				TokenFailure.INVALID);
	}

	@Test
	void issueWhenAudienceConfiguredThenCarriesIt() {
		TokenService one = new TokenService(SigningKeys.hmac(List.of(SECRET)), "https://auth.example.com",
				List.of("orders"), Duration.ofHours(1), fixedAt(NOW));
		TokenService two = new TokenService(SigningKeys.hmac(List.of(SECRET)), "jwt-auth", List.of("orders", "billing"),
				Duration.ofHours(1), fixedAt(NOW));

		assertThat(json(one.issue(42, 0).split("\\.")[1])).containsEntry("aud", "orders")
			.containsEntry("iss", "https://auth.example.com");
		assertThat(json(two.issue(42, 0).split("\\.")[1])).containsEntry("aud", List.of("orders", "billing"));
	}

	@Test
	void verifyWhenIssuedByAnotherIssuerThenInvalid() {
		Map<String, Object> claims = validClaims();
		claims.put("iss", "https://evil.example.com");

		assertRejected(this.tokens, signed(claims), TokenFailure.INVALID);
	}

	@Test
	void verifyWhenIssuedBeforeTokensCarriedAnIssuerThenAccepted() throws Exception {
		Map<String, Object> claims = validClaims();
		claims.remove("iss");

		assertThat(this.tokens.verify(signed(claims)).userId()).isEqualTo(42);
	}

	@Test
	void verifyWhenForAnotherAudienceOrNoneWhileOneIsConfiguredThenInvalid() throws Exception {
		TokenService orders = new TokenService(SigningKeys.hmac(List.of(SECRET)), "jwt-auth", List.of("orders"),
				Duration.ofHours(1), fixedAt(NOW));
		Map<String, Object> payments = validClaims();
		payments.put("aud", "payments");
		Map<String, Object> both = validClaims();
		both.put("aud", List.of("orders", "payments"));
		Map<String, Object> forOrders = validClaims();
		forOrders.put("aud", List.of("orders"));

		assertRejected(orders, signed(payments), TokenFailure.INVALID);
		assertRejected(orders, signed(both), TokenFailure.INVALID);
		assertRejected(orders, signed(validClaims()), TokenFailure.INVALID);
		assertRejected(this.tokens, signed(forOrders), TokenFailure.INVALID);
		assertThat(orders.verify(signed(forOrders)).userId()).isEqualTo(42);
		assertThat(orders.verify(orders.issue(7, 0)).userId()).isEqualTo(7);
	}

	@Test
	void issueWhenEs256ThenTheLowerSAndTheHigherSpellingOfTheSameSignatureIsInvalid() throws Exception {
		TokenService service = asymmetric(TokenAlgorithm.ES256, TokenAlgorithm.ES256.generateKeyPair(), List.of(),
				List.of());
		BigInteger order = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
		for (int i = 0; i < 20; i++) {
			String token = service.issue(42, i);
			assertThat(EcdsaSignatures.hasHighS(token)).as("issued with the lower s").isFalse();
			String[] parts = token.split("\\.");
			byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
			BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
			byte[] higher = order.subtract(s).toByteArray();
			Arrays.fill(signature, 32, 64, (byte) 0);
			int length = Math.min(higher.length, 32);
			System.arraycopy(higher, higher.length - length, signature, 64 - length, length);
			String otherSpelling = parts[0] + "." + parts[1] + "."
					+ Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

			assertThat(service.verify(token).tokenVersion()).isEqualTo(i);
			assertRejected(service, otherSpelling, TokenFailure.INVALID);
		}
	}

	@Test
	void publishedKeysWhenHs256ThenNone() {
		assertThat(jsonText(this.tokens.publishedKeys())).containsEntry("keys", List.of());
	}

	@Test
	void issueWhenEs256ThenVerifiedAndItsPublicKeyPublished() throws Exception {
		KeyPair pair = TokenAlgorithm.ES256.generateKeyPair();
		TokenService service = asymmetric(TokenAlgorithm.ES256, pair, List.of(), List.of());

		String token = service.issue(42, 3);

		assertThat(service.verify(token)).isEqualTo(new VerifiedToken(42, 3));
		Map<String, Object> header = json(token.split("\\.")[0]);
		assertThat(header).containsEntry("alg", "ES256");
		Map<String, Object> key = onlyPublishedKey(service);
		assertThat(key).containsEntry("kty", "EC")
			.containsEntry("crv", "P-256")
			.containsEntry("alg", "ES256")
			.containsEntry("use", "sig")
			.containsEntry("kid", header.get("kid"))
			.containsKeys("x", "y")
			.doesNotContainKey("d");
		assertThat(Jwts.parser()
			.verifyWith(pair.getPublic())
			.clock(() -> Date.from(NOW))
			.build()
			.parseSignedClaims(token)
			.getPayload()).containsEntry("sub", "42");
	}

	@Test
	void issueWhenRs256ThenVerifiedAndItsPublicKeyPublished() throws Exception {
		KeyPair pair = TokenAlgorithm.RS256.generateKeyPair();
		TokenService service = asymmetric(TokenAlgorithm.RS256, pair, List.of(), List.of());

		String token = service.issue(42, 0);

		assertThat(service.verify(token).userId()).isEqualTo(42);
		assertThat(json(token.split("\\.")[0])).containsEntry("alg", "RS256");
		assertThat(onlyPublishedKey(service)).containsEntry("kty", "RSA")
			.containsEntry("alg", "RS256")
			.containsEntry("use", "sig")
			.containsKeys("n", "e")
			.doesNotContainKeys("d", "p", "q");
	}

	@Test
	void verifyWhenHs256HeaderNamesAPublicKeyThenInvalid() {
		KeyPair pair = TokenAlgorithm.ES256.generateKeyPair();
		TokenService service = asymmetric(TokenAlgorithm.ES256, pair, List.of(), List.of());
		String keyId = (String) json(service.issue(42, 0).split("\\.")[0]).get("kid");
		String forged = Jwts.builder()
			.header()
			.keyId(keyId)
			.and()
			.claims(validClaims())
			.signWith(Keys.hmacShaKeyFor(pair.getPublic().getEncoded()), Jwts.SIG.HS256)
			.compact();

		assertRejected(service, forged, TokenFailure.INVALID);
	}

	@Test
	void verifyWhenSwitchedFromHs256ThenEarlierTokensStillVerify() throws Exception {
		String old = this.tokens.issue(42, 0);
		TokenService switched = asymmetric(TokenAlgorithm.ES256, TokenAlgorithm.ES256.generateKeyPair(), List.of(),
				List.of(SECRET));

		assertThat(switched.verify(old).userId()).isEqualTo(42);
		assertThat(json(switched.issue(42, 0).split("\\.")[0])).containsEntry("alg", "ES256");
		assertThat(jsonText(switched.publishedKeys()).get("keys")).asList().hasSize(1);
	}

	@Test
	void verifyWhenSignedWithAPreviousPrivateKeyThenAcceptedUntilItsPublicKeyIsRemoved() throws Exception {
		KeyPair previous = TokenAlgorithm.ES256.generateKeyPair();
		KeyPair next = TokenAlgorithm.ES256.generateKeyPair();
		String old = asymmetric(TokenAlgorithm.ES256, previous, List.of(), List.of()).issue(42, 0);
		TokenService rotated = asymmetric(TokenAlgorithm.ES256, next, List.of(previous.getPublic()), List.of());
		TokenService retired = asymmetric(TokenAlgorithm.ES256, next, List.of(), List.of());

		assertThat(rotated.verify(old).userId()).isEqualTo(42);
		assertThat(jsonText(rotated.publishedKeys()).get("keys")).asList().hasSize(2);
		assertRejected(retired, old, TokenFailure.INVALID);
		assertThat(retired.verify(rotated.issue(7, 0)).userId()).isEqualTo(7);
	}

	@Test
	void publishedKeysWhenAPreviousKeyIsTheSigningOneOrListedTwiceThenEachOnce() {
		KeyPair current = TokenAlgorithm.ES256.generateKeyPair();
		KeyPair previous = TokenAlgorithm.ES256.generateKeyPair();
		TokenService service = asymmetric(TokenAlgorithm.ES256, current,
				List.of(current.getPublic(), previous.getPublic(), previous.getPublic()), List.of());

		assertThat(jsonText(service.publishedKeys()).get("keys")).asList().hasSize(2);
	}

	@Test
	void publishedKeyIdThenTheSameOnEveryInstance() {
		KeyPair pair = TokenAlgorithm.ES256.generateKeyPair();

		assertThat(onlyPublishedKey(asymmetric(TokenAlgorithm.ES256, pair, List.of(), List.of())).get("kid"))
			.isEqualTo(onlyPublishedKey(asymmetric(TokenAlgorithm.ES256, pair, List.of(), List.of())).get("kid"));
	}

	private static TokenService hmac(List<byte[]> secrets, Duration lifetime, Clock clock) {
		return new TokenService(SigningKeys.hmac(secrets), "jwt-auth", List.of(), lifetime, clock);
	}

	private static TokenService asymmetric(TokenAlgorithm algorithm, KeyPair pair, List<PublicKey> previous,
			List<byte[]> secrets) {
		return new TokenService(SigningKeys.asymmetric(algorithm, pair.getPrivate(), previous, secrets), "jwt-auth",
				List.of(), Duration.ofHours(1), fixedAt(NOW));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> onlyPublishedKey(TokenService service) {
		List<Map<String, Object>> keys = (List<Map<String, Object>>) jsonText(service.publishedKeys()).get("keys");
		assertThat(keys).hasSize(1);
		return keys.get(0);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> jsonText(String json) {
		return tools.jackson.databind.json.JsonMapper.shared().readValue(json, Map.class);
	}

	private static Map<String, Object> validClaims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("id", 42);
		claims.put("sub", "42");
		claims.put("ver", 0);
		claims.put("iat", NOW.getEpochSecond());
		claims.put("exp", NOW.plusSeconds(60).getEpochSecond());
		return claims;
	}

	private static String signed(Map<String, Object> claims) {
		return Jwts.builder()
			.header()
			.keyId(TokenService.keyId(SECRET))
			.and()
			.claims(claims)
			.signWith(KEY, Jwts.SIG.HS256)
			.compact();
	}

	private static void assertRejected(TokenService service, String token, TokenFailure failure) {
		assertThatExceptionOfType(TokenRejectedException.class).isThrownBy(() -> service.verify(token))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(failure));
	}

	private static Clock fixedAt(Instant instant) {
		return Clock.fixed(instant, ZoneOffset.UTC);
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(String base64Url) {
		String json = new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8);
		return tools.jackson.databind.json.JsonMapper.shared().readValue(json, Map.class);
	}

}
