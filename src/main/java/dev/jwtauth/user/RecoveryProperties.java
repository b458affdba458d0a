package dev.jwtauth.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account recovery and email verification settings.
 *
 * @param publicUrl where clients reach the service, for the links in its mails, such as
 * {@code https://auth.example.com}; blank means {@code http://localhost} on the service's
 * port, which only the embedded default may rely on
 * @param passwordResetUrl the link a reset mail carries, with {@code {token}} where its
 * secret goes, for a front end of the team's own; blank means the service's own page
 * @param emailVerificationUrl the same for verification mails
 * @param resetLifetime how long a reset link works
 * @param verificationLifetime how long a verification link works
 * @param requireVerifiedEmail whether signin refuses an account whose address is not
 * verified
 */
@ConfigurationProperties("auth.recovery")
record RecoveryProperties(String publicUrl, String passwordResetUrl, String emailVerificationUrl,
		@DefaultValue("30m") Duration resetLifetime, @DefaultValue("24h") Duration verificationLifetime,
		boolean requireVerifiedEmail) {

	static final String TOKEN_PLACEHOLDER = "{token}";

	RecoveryProperties {
		publicUrl = stripTrailingSlash(publicUrl);
		requirePositive(resetLifetime, "auth.recovery.reset-lifetime");
		requirePositive(verificationLifetime, "auth.recovery.verification-lifetime");
		requireTokenPlaceholder(passwordResetUrl, "PASSWORD_RESET_URL");
		requireTokenPlaceholder(emailVerificationUrl, "EMAIL_VERIFICATION_URL");
	}

	private static String stripTrailingSlash(String url) {
		if (url == null || url.isBlank()) {
			return null;
		}
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

	private static void requireTokenPlaceholder(String template, String name) {
		if (template != null && !template.isBlank() && !template.contains(TOKEN_PLACEHOLDER)) {
			throw new IllegalArgumentException(name + " must contain " + TOKEN_PLACEHOLDER + ", where the secret goes");
		}
	}

}
