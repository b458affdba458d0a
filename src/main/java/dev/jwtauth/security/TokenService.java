package dev.jwtauth.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import io.jsonwebtoken.security.SecurityException;

/**
 * Issues and verifies the service's tokens: JWS (HS256 by default, or ES256 or RS256)
 * with the claims {@code id} (the user's numeric id), {@code sub} (the same id as a
 * string), {@code ver} (the user's token version, which revokes every earlier token when
 * it changes), {@code iss}, {@code aud} when configured, {@code iat} and {@code exp}, and
 * a unique {@code jti}; the header's {@code kid} names the key that signed it, so that
 * keys can be rotated. The only class that knows the JWT library.
 */
public class TokenService {

	static final String ID_CLAIM = "id";

	static final String VERSION_CLAIM = "ver";

	/** The session a token was issued in, when refresh tokens are on. */
	static final String SESSION_CLAIM = "sid";

	static final String MALFORMED = "malformed";

	static final String BAD_SIGNATURE = "bad_signature";

	/** Tolerated clock difference between the instances that issue and verify tokens. */
	static final long CLOCK_SKEW_SECONDS = 30;

	/** Verified tokens remembered at most: a few MiB, however many clients there are. */
	static final int MAX_REMEMBERED = 10_000;

	private final SigningKeys keys;

	private final String issuer;

	private final List<String> audience;

	/** The same, as a token's {@code aud} must equal it. */
	private final Set<String> audienceSet;

	private final JwtParser parser;

	private final Duration lifetime;

	private final Clock clock;

	/**
	 * Tokens verified earlier, by the SHA-256 digest of their text. A client presents the
	 * same token on every request until it expires, so its signature and claims are
	 * checked once; its expiry is checked on every request, and its user's row (active,
	 * token version) by the filter. Only tokens that verified are kept, so a presented
	 * token is accepted from here only if exactly the same text verified before. At most
	 * {@link #MAX_REMEMBERED}, evicted one at a time as more arrive; none is kept past
	 * its token's expiry.
	 */
	private final Cache<ByteBuffer, Remembered> verified;

	/**
	 * @param issuer the {@code iss} of every token issued; a token naming another is
	 * refused
	 * @param audience the {@code aud} of every token issued, none if empty; a token for
	 * another audience, or for none while one is configured, is refused
	 */
	TokenService(SigningKeys keys, String issuer, List<String> audience, Duration lifetime, Clock clock) {
		this.keys = keys;
		this.issuer = issuer;
		this.audience = List.copyOf(audience);
		this.audienceSet = Set.copyOf(audience);
		this.lifetime = lifetime;
		this.clock = clock;
		this.verified = Caffeine.newBuilder()
			.maximumSize(MAX_REMEMBERED)
			.expireAfter(Expiry.creating((ByteBuffer digest, Remembered remembered) -> Duration.between(clock.instant(),
					remembered.expiresAt())))
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.executor(Runnable::run)
			.build();
		this.parser = parser(keys, clock);
	}

	private static JwtParser parser(SigningKeys keys, Clock clock) {
		JwtParserBuilder builder = Jwts.parser().keyLocator(new LocatorAdapter<>() {
			@Override
			protected Key locate(JwsHeader header) {
				return keys.verificationKey(header.getKeyId(), header.getAlgorithm());
			}
		});
		builder.sig().clear().add(keys.algorithms());
		return builder.zip()
			.clear()
			.and()
			.clock(() -> Date.from(clock.instant()))
			.clockSkewSeconds(CLOCK_SKEW_SECONDS)
			.build();
	}

	/** The public keys other services verify tokens with: a JWK Set, as JSON. */
	public String publishedKeys() {
		return this.keys.publishedJson();
	}

	/**
	 * Names a secret in the tokens it signs, without revealing it: the start of its
	 * SHA-256 digest, the same on every instance that has the secret.
	 */
	public static String keyId(byte[] secret) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256(secret), 9));
	}

	static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	public String issue(long userId, int tokenVersion) {
		return issue(userId, tokenVersion, null);
	}

	/**
	 * A token of the session {@code sessionId}, refused as soon as the session ends; a
	 * token of no session when it is null.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public String issue(long userId, int tokenVersion, String sessionId) {
		Instant now = this.clock.instant();
		JwtBuilder builder = Jwts.builder()
			.header()
			.keyId(this.keys.signingKeyId())
			.and()
			.id(UUID.randomUUID().toString())
			.claim(ID_CLAIM, userId)
			.subject(Long.toString(userId))
			.claim(VERSION_CLAIM, tokenVersion)
			.issuer(this.issuer)
			.claim(SESSION_CLAIM, sessionId)
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(this.lifetime)));
		if (this.audience.size() == 1) {
			builder.audience().single(this.audience.get(0));
		}
		else if (!this.audience.isEmpty()) {
			builder.audience().add(this.audience).and();
		}
		String token = builder.signWith(this.keys.signingKey(), (SecureDigestAlgorithm) this.keys.signingAlgorithm())
			.compact();
		return (this.keys.signingAlgorithm() == Jwts.SIG.ES256) ? EcdsaSignatures.lowS(token) : token;
	}

	VerifiedToken verify(String token) throws TokenRejectedException {
		ByteBuffer digest = ByteBuffer.wrap(sha256(token.getBytes(StandardCharsets.UTF_8)));
		Remembered remembered = this.verified.getIfPresent(digest);
		if (remembered != null && this.clock.instant().isBefore(remembered.expiresAt())) {
			// The very text that passed every check below: any other spelling
			// has another digest.
			return remembered.token();
		}
		if (!CanonicalJws.test(token)) {
			throw new TokenRejectedException(TokenFailure.INVALID, MALFORMED);
		}
		if (this.keys.verifiesEs256() && EcdsaSignatures.hasHighS(token)) {
			throw new TokenRejectedException(TokenFailure.INVALID, BAD_SIGNATURE);
		}
		Claims claims = parse(token);
		VerifiedToken verifiedToken = toVerifiedToken(claims);
		this.verified.put(digest,
				new Remembered(verifiedToken, claims.getExpiration().toInstant().plusSeconds(CLOCK_SKEW_SECONDS)));
		return verifiedToken;
	}

	/** How many verified tokens are remembered now, for tests. */
	long remembered() {
		this.verified.cleanUp();
		return this.verified.estimatedSize();
	}

	/**
	 * Checks a token's signature and expiry with the JWT library, as on its first use.
	 */
	Claims parse(String token) throws TokenRejectedException {
		try {
			return this.parser.parseSignedClaims(token).getPayload();
		}
		catch (ExpiredJwtException ex) {
			throw new TokenRejectedException(TokenFailure.EXPIRED);
		}
		catch (SecurityException | UnsupportedJwtException ex) {
			// A signature that does not verify, or a key or algorithm that is not ours.
			throw new TokenRejectedException(TokenFailure.INVALID, BAD_SIGNATURE);
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw new TokenRejectedException(TokenFailure.INVALID, MALFORMED);
		}
	}

	private VerifiedToken toVerifiedToken(Claims claims) throws TokenRejectedException {
		Long id = integral(claims.get(ID_CLAIM));
		Long version = integral(claims.get(VERSION_CLAIM));
		Object session = claims.get(SESSION_CLAIM);
		boolean wellFormed = id != null && version != null && claims.getExpiration() != null
				&& claims.getIssuedAt() != null && id.toString().equals(claims.getSubject()) && version >= 0
				&& version <= Integer.MAX_VALUE
				&& !claims.getIssuedAt().toInstant().isAfter(this.clock.instant().plusSeconds(CLOCK_SKEW_SECONDS))
				&& (claims.getIssuer() == null || claims.getIssuer().equals(this.issuer))
				&& this.audienceSet.equals((claims.getAudience() != null) ? claims.getAudience() : Set.of())
				&& (session == null || session instanceof String);
		if (!wellFormed) {
			throw new TokenRejectedException(TokenFailure.INVALID, MALFORMED);
		}
		return new VerifiedToken(id, version.intValue(), (String) session);
	}

	/** A verified token, and until when it may be accepted without checking it again. */
	private record Remembered(VerifiedToken token, Instant expiresAt) {
	}

	private static Long integral(Object claim) {
		return (claim instanceof Integer || claim instanceof Long) ? ((Number) claim).longValue() : null;
	}

	/**
	 * The keys of the service's tokens: the one that signs new tokens, every one a token
	 * is still verified with, each bound to the one algorithm it may be used with, and
	 * the public keys other services verify tokens with (a JWK Set, RFC 7517). HMAC
	 * secrets are never published.
	 */
	static final class SigningKeys {

		private final String signingKeyId;

		private final Key signingKey;

		private final SecureDigestAlgorithm<?, ?> signingAlgorithm;

		private final Map<String, VerificationKey> verificationKeys;

		private final boolean verifiesEs256;

		private final String publishedJson;

		private SigningKeys(String signingKeyId, Key signingKey, SecureDigestAlgorithm<?, ?> signingAlgorithm,
				Map<String, VerificationKey> verificationKeys, List<PublicJwk<?>> published) {
			this.signingKeyId = signingKeyId;
			this.signingKey = signingKey;
			this.signingAlgorithm = signingAlgorithm;
			this.verificationKeys = Map.copyOf(verificationKeys);
			this.verifiesEs256 = verificationKeys.values()
				.stream()
				.anyMatch((key) -> key.algorithm() == Jwts.SIG.ES256);
			this.publishedJson = published.stream()
				.map(Jwks::json)
				.collect(Collectors.joining(",", "{\"keys\":[", "]}"));
		}

		/**
		 * HS256 keys.
		 * @param secrets the current secret, which signs, then earlier ones
		 */
		static SigningKeys hmac(List<byte[]> secrets) {
			Map<String, VerificationKey> keys = hmacKeys(secrets);
			String signingKeyId = TokenService.keyId(secrets.get(0));
			return new SigningKeys(signingKeyId, keys.get(signingKeyId).key(), Jwts.SIG.HS256, keys, List.of());
		}

		/**
		 * Keys of an asymmetric algorithm.
		 * @param signing the private key that signs
		 * @param previous public keys of earlier private keys, still published and
		 * verifying
		 * @param secrets HMAC secrets whose earlier HS256 tokens are still verified
		 */
		static SigningKeys asymmetric(TokenAlgorithm algorithm, PrivateKey signing, List<PublicKey> previous,
				List<byte[]> secrets) {
			PrivateJwk<?, ?, ?> signingJwk = (PrivateJwk<?, ?, ?>) Jwks.builder().key(signing).build();
			List<PublicJwk<?>> published = new ArrayList<>();
			published.add(publicJwk(algorithm, signingJwk.toPublicJwk().toKey()));
			previous.stream()
				.map((key) -> publicJwk(algorithm, key))
				.filter((jwk) -> published.stream().noneMatch((known) -> known.getId().equals(jwk.getId())))
				.forEach(published::add);
			Map<String, VerificationKey> keys = new LinkedHashMap<>();
			published.forEach((jwk) -> keys.put(jwk.getId(), new VerificationKey(jwk.toKey(), jws(algorithm))));
			hmacKeys(secrets).forEach(keys::putIfAbsent);
			return new SigningKeys(published.get(0).getId(), signing, jws(algorithm), keys, published);
		}

		private static SecureDigestAlgorithm<?, ?> jws(TokenAlgorithm algorithm) {
			return switch (algorithm) {
				case HS256 -> Jwts.SIG.HS256;
				case ES256 -> Jwts.SIG.ES256;
				case RS256 -> Jwts.SIG.RS256;
			};
		}

		/**
		 * A public key as a JWK named by its RFC 7638 thumbprint, so that every instance
		 * gives a key the same {@code kid} and a verifier can tell keys apart.
		 */
		private static PublicJwk<?> publicJwk(TokenAlgorithm algorithm, PublicKey key) {
			return Jwks.builder().key(key).algorithm(algorithm.name()).publicKeyUse("sig").idFromThumbprint().build();
		}

		private static Map<String, VerificationKey> hmacKeys(List<byte[]> secrets) {
			Map<String, VerificationKey> keys = new LinkedHashMap<>();
			secrets.forEach((secret) -> keys.put(TokenService.keyId(secret),
					new VerificationKey(Keys.hmacShaKeyFor(secret), Jwts.SIG.HS256)));
			return keys;
		}

		String signingKeyId() {
			return this.signingKeyId;
		}

		Key signingKey() {
			return this.signingKey;
		}

		SecureDigestAlgorithm<?, ?> signingAlgorithm() {
			return this.signingAlgorithm;
		}

		/** Whether some key verifies ES256 signatures. */
		boolean verifiesEs256() {
			return this.verifiesEs256;
		}

		/** The algorithms some key verifies with. */
		List<SecureDigestAlgorithm<?, ?>> algorithms() {
			return this.verificationKeys.values().stream().map(VerificationKey::algorithm).distinct().toList();
		}

		/**
		 * The key a token's header names, only if the header's algorithm is the one that
		 * key is used with, so that no token can have one key's material read as another
		 * kind of key.
		 */
		Key verificationKey(String keyId, String algorithm) {
			VerificationKey key = (keyId != null) ? this.verificationKeys.get(keyId) : null;
			return (key != null && key.algorithm().getId().equals(algorithm)) ? key.key() : null;
		}

		/** The published public keys: a JWK Set, as JSON. */
		String publishedJson() {
			return this.publishedJson;
		}

		private record VerificationKey(Key key, SecureDigestAlgorithm<?, ?> algorithm) {
		}

	}

}
