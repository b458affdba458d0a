package dev.jwtauth.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

/**
 * Issues and verifies the service's tokens: HS256 JWS with the claims {@code id} (the
 * user's numeric id), {@code sub} (the same id as a string), {@code ver} (the user's
 * token version, which revokes every earlier token when it changes), {@code iat} and
 * {@code exp}, and a unique {@code jti}. The only class that knows the JWT library.
 */
public class TokenService {

	static final String ID_CLAIM = "id";

	static final String VERSION_CLAIM = "ver";

	/** Tolerated clock difference between the instances that issue and verify tokens. */
	static final long CLOCK_SKEW_SECONDS = 30;

	private final SecretKey key;

	private final JwtParser parser;

	private final Duration lifetime;

	private final Clock clock;

	TokenService(byte[] secret, Duration lifetime, Clock clock) {
		this.key = Keys.hmacShaKeyFor(secret);
		this.lifetime = lifetime;
		this.clock = clock;
		this.parser = Jwts.parser()
			.verifyWith(this.key)
			.sig()
			.clear()
			.add(Jwts.SIG.HS256)
			.and()
			.zip()
			.clear()
			.and()
			.clock(() -> Date.from(clock.instant()))
			.clockSkewSeconds(CLOCK_SKEW_SECONDS)
			.build();
	}

	public String issue(long userId, int tokenVersion) {
		Instant now = this.clock.instant();
		return Jwts.builder()
			.id(UUID.randomUUID().toString())
			.claim(ID_CLAIM, userId)
			.subject(Long.toString(userId))
			.claim(VERSION_CLAIM, tokenVersion)
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(this.lifetime)))
			.signWith(this.key, Jwts.SIG.HS256)
			.compact();
	}

	VerifiedToken verify(String token) throws TokenRejectedException {
		try {
			return toVerifiedToken(this.parser.parseSignedClaims(token).getPayload());
		}
		catch (ExpiredJwtException ex) {
			throw new TokenRejectedException(TokenFailure.EXPIRED);
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw new TokenRejectedException(TokenFailure.INVALID);
		}
	}

	private VerifiedToken toVerifiedToken(Claims claims) throws TokenRejectedException {
		Long id = integral(claims.get(ID_CLAIM));
		Long version = integral(claims.get(VERSION_CLAIM));
		boolean wellFormed = id != null && version != null && claims.getExpiration() != null
				&& claims.getIssuedAt() != null && id.toString().equals(claims.getSubject()) && version >= 0
				&& version <= Integer.MAX_VALUE
				&& !claims.getIssuedAt().toInstant().isAfter(this.clock.instant().plusSeconds(CLOCK_SKEW_SECONDS));
		if (!wellFormed) {
			throw new TokenRejectedException(TokenFailure.INVALID);
		}
		return new VerifiedToken(id, version.intValue());
	}

	private static Long integral(Object claim) {
		return (claim instanceof Integer || claim instanceof Long) ? ((Number) claim).longValue() : null;
	}

}
