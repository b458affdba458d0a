package dev.jwtauth.django;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongPredicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.jwtauth.security.PredecessorTokens;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tokens the original Django service issued: HS256 over {@code {"id": N,
 * "expiration": <Unix time>}}, keyed with the UTF-8 bytes of its {@code SECRET_KEY}, as
 * PyJWT does. Accepted until their expiration or the cut-off, whichever comes first, for
 * users imported from it.
 * <p>
 * Verified with {@link Mac} rather than the JWT library, which refuses HMAC keys shorter
 * than 256 bits, as Django's secret keys may be.
 */
final class DjangoTokens implements PredecessorTokens {

	private static final String HMAC = "HmacSHA256";

	private static final JsonMapper json = JsonMapper.shared();

	private final SecretKeySpec key;

	private final Instant until;

	private final Clock clock;

	private final LongPredicate imported;

	/**
	 * @param imported whether the user with an id was imported from the original: its
	 * later ids may belong to somebody else here
	 */
	DjangoTokens(String secretKey, Instant until, Clock clock, LongPredicate imported) {
		this.key = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), HMAC);
		this.until = until;
		this.clock = clock;
		this.imported = imported;
	}

	@Override
	public Optional<PredecessorToken> verify(String token) {
		Instant now = this.clock.instant();
		String[] parts = token.split("\\.", -1);
		if (!now.isBefore(this.until) || parts.length != 3) {
			return Optional.empty();
		}
		try {
			JsonNode algorithm = json.readTree(decode(parts[0])).path("alg");
			if (!algorithm.isString() || !"HS256".equals(algorithm.stringValue())
					|| !MessageDigest.isEqual(sign(parts[0] + "." + parts[1]), decode(parts[2]))) {
				return Optional.empty();
			}
			JsonNode claims = json.readTree(decode(parts[1]));
			JsonNode id = claims.path("id");
			JsonNode expiration = claims.path("expiration");
			if (!id.isIntegralNumber() || !id.canConvertToLong() || !expiration.isNumber()
					|| !this.imported.test(id.longValue())) {
				return Optional.empty();
			}
			boolean expired = now.toEpochMilli() >= expiration.doubleValue() * 1000;
			return Optional.of(new PredecessorToken(id.longValue(), expired));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return Optional.empty();
		}
	}

	private static byte[] decode(String part) {
		return Base64.getUrlDecoder().decode(part);
	}

	private byte[] sign(String input) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(this.key);
			return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("Every Java platform has HmacSHA256", ex);
		}
	}

}
