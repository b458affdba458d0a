package dev.jwtauth.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the tokens the service issues.
 *
 * @param secret Base64 of the HMAC signing secret, at least 32 bytes; empty to fall back
 * to {@code secretFile} on the local embedded database
 * @param previousSecrets Base64 of earlier secrets, kept to verify the tokens they signed
 * until those expire
 * @param secretFile where the local fallback secret is generated and kept
 * @param lifetime how long an issued token stays valid
 */
@ConfigurationProperties("auth.token")
public record TokenProperties(String secret, @DefaultValue List<String> previousSecrets,
		@DefaultValue("./data/jwt-secret") Path secretFile, @DefaultValue("24h") Duration lifetime) {

	public TokenProperties {
		if (lifetime.isNegative() || lifetime.isZero()) {
			throw new IllegalArgumentException("auth.token.lifetime (JWT_LIFETIME) must be positive");
		}
	}

	boolean hasSecret() {
		return this.secret != null && !this.secret.isBlank();
	}

}
