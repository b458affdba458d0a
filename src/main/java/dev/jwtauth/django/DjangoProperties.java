package dev.jwtauth.django;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the migration window, during which the original Django service's tokens are
 * accepted. Both or neither.
 *
 * @param secretKey the original's {@code SECRET_KEY}, which signed its tokens
 * @param tokensUntil the ISO-8601 instant after which its tokens are refused
 */
@ConfigurationProperties("auth.django")
record DjangoProperties(String secretKey, String tokensUntil) {

	@Override
	public String toString() {
		return "DjangoProperties[tokensUntil=" + this.tokensUntil + "]";
	}

}
