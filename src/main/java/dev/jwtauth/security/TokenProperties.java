package dev.jwtauth.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the tokens the service issues.
 *
 * @param algorithm the JWS algorithm new tokens are signed with
 * @param secret Base64 of the HMAC signing secret, at least 32 bytes; empty to fall back
 * to {@code secretFile} on the local embedded database. With an asymmetric algorithm it
 * signs nothing, but earlier HS256 tokens are still verified with it
 * @param previousSecrets Base64 of earlier secrets, kept to verify the tokens they signed
 * until those expire
 * @param secretFile where the local fallback secret is generated and kept
 * @param privateKey PEM of the PKCS#8 private key an asymmetric algorithm signs with
 * @param privateKeyFile a file holding that PEM; on the local embedded database, where
 * the generated key is kept (by default beside {@code secretFile})
 * @param previousPublicKeys PEM of the public keys of earlier private keys, still
 * published and verifying the tokens they signed until those expire
 * @param issuer the {@code iss} claim of every token, which other services check
 * @param audience the {@code aud} claim of every token; none when empty
 * @param lifetime how long an issued token stays valid
 */
@ConfigurationProperties("auth.token")
public record TokenProperties(@DefaultValue("HS256") TokenAlgorithm algorithm, String secret,
		@DefaultValue List<String> previousSecrets, @DefaultValue("./data/jwt-secret") Path secretFile,
		String privateKey, Path privateKeyFile, @DefaultValue List<String> previousPublicKeys,
		@DefaultValue("jwt-auth") String issuer, @DefaultValue List<String> audience,
		@DefaultValue("24h") Duration lifetime) {

	public TokenProperties {
		if (lifetime.isNegative() || lifetime.isZero()) {
			throw new IllegalArgumentException("auth.token.lifetime (JWT_LIFETIME) must be positive");
		}
		issuer = (issuer == null || issuer.isBlank()) ? "jwt-auth" : issuer.strip();
		audience = audience.stream().map(String::strip).filter((value) -> !value.isEmpty()).toList();
	}

	boolean hasSecret() {
		return this.secret != null && !this.secret.isBlank();
	}

	/** Without the secrets and the private key, should the settings ever be printed. */
	@Override
	public String toString() {
		return "TokenProperties[algorithm=" + this.algorithm + ", secretFile=" + this.secretFile + ", privateKeyFile="
				+ this.privateKeyFile + ", previousPublicKeys=" + this.previousPublicKeys.size() + ", issuer="
				+ this.issuer + ", audience=" + this.audience + ", lifetime=" + this.lifetime + "]";
	}

}
