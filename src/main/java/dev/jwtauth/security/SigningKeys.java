package dev.jwtauth.security;

import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SecureDigestAlgorithm;

/**
 * The keys of the service's tokens: the one that signs new tokens, every one a token is
 * still verified with, each bound to the one algorithm it may be used with, and the
 * public keys other services verify tokens with (a JWK Set, RFC 7517). HMAC secrets are
 * never published.
 */
final class SigningKeys {

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
		this.verifiesEs256 = verificationKeys.values().stream().anyMatch((key) -> key.algorithm() == Jwts.SIG.ES256);
		this.publishedJson = published.stream().map(Jwks::json).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
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
	 * @param previous public keys of earlier private keys, still published and verifying
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
	 * The key a token's header names, only if the header's algorithm is the one that key
	 * is used with, so that no token can have one key's material read as another kind of
	 * key.
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
