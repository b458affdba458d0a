package dev.jwtauth.user;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The links recovery and verification mails carry. Never derived from a request's
 * {@code Host}: a client could then send a user a link to a host of its own, with the
 * user's secret in it.
 */
final class RecoveryLinks {

	static final String RESET_PAGE = "/users/password_reset/confirm";

	static final String VERIFICATION_PAGE = "/users/verify_email/confirm";

	private final String passwordReset;

	private final String emailVerification;

	private RecoveryLinks(String passwordReset, String emailVerification) {
		this.passwordReset = passwordReset;
		this.emailVerification = emailVerification;
	}

	/**
	 * The links for these settings: the service's own pages unless a template is set.
	 * @throws IllegalStateException when mail leaves this machine (an SMTP host is set)
	 * and a link would have to point at a guessed {@code localhost}
	 */
	static RecoveryLinks of(RecoveryProperties properties, Environment environment) {
		String base = properties.publicUrl();
		boolean ownPageNeeded = !StringUtils.hasText(properties.passwordResetUrl())
				|| !StringUtils.hasText(properties.emailVerificationUrl());
		if (base == null && ownPageNeeded) {
			if (StringUtils.hasText(environment.getProperty("spring.mail.host"))) {
				throw new IllegalStateException("Mail goes out over SMTP, so its links need the address clients reach "
						+ "this service at: set PUBLIC_URL (or both PASSWORD_RESET_URL and EMAIL_VERIFICATION_URL)");
			}
			base = "http://localhost:" + environment.getProperty("server.port", "8080");
		}
		return new RecoveryLinks(template(properties.passwordResetUrl(), base, RESET_PAGE),
				template(properties.emailVerificationUrl(), base, VERIFICATION_PAGE));
	}

	private static String template(String configured, String base, String page) {
		return StringUtils.hasText(configured) ? configured
				: base + page + "?token=" + RecoveryProperties.TOKEN_PLACEHOLDER;
	}

	/** The link to reset a password with {@code secret}, which is URL-safe. */
	String passwordReset(String secret) {
		return this.passwordReset.replace(RecoveryProperties.TOKEN_PLACEHOLDER, secret);
	}

	/** The link to verify an address with {@code secret}, which is URL-safe. */
	String emailVerification(String secret) {
		return this.emailVerification.replace(RecoveryProperties.TOKEN_PLACEHOLDER, secret);
	}

}
