package dev.jwtauth.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many mails (password resets, address verifications) clients may ask for.
 *
 * @param perClient mails one client address may ask for within the window, whoever they
 * go to
 * @param perRecipient mails that may be asked for to one address within the window,
 * whoever asks
 * @param window how long requests count, from the first one
 */
@ConfigurationProperties("auth.throttle.mail")
public record MailLimitProperties(@DefaultValue("10") int perClient, @DefaultValue("3") int perRecipient,
		@DefaultValue("1h") Duration window) {

	public MailLimitProperties {
		if (perClient < 1 || perRecipient < 1) {
			throw new IllegalArgumentException(
					"auth.throttle.mail.per-client and per-recipient (MAIL_REQUESTS_PER_CLIENT, "
							+ "MAIL_REQUESTS_PER_RECIPIENT) must be at least 1");
		}
		if (window == null || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("auth.throttle.mail.window (MAIL_REQUESTS_WINDOW) must be positive");
		}
	}

}
