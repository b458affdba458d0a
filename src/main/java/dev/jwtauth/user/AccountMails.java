package dev.jwtauth.user;

import java.util.Map;

import dev.jwtauth.mail.Mailer;
import dev.jwtauth.mail.OutgoingMail;
import dev.jwtauth.security.OneTimeSecrets;
import dev.jwtauth.throttle.MailRequestLimit;
import dev.jwtauth.throttle.MailRequestsLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The mails about an account: links with a single-use secret, and the notices that let a
 * user notice a takeover. Each is sent once the caller's transaction commits, and not at
 * all if it rolls back; a secret is issued in that same transaction.
 */
@Component
class AccountMails {

	static final String PASSWORD_RESET = "password_reset";

	static final String EMAIL_VERIFICATION = "email_verification";

	private static final Logger events = LoggerFactory.getLogger("dev.jwtauth.auth");

	private final Mailer mailer;

	private final OneTimeSecrets secrets;

	private final RecoveryLinks links;

	private final RecoveryProperties properties;

	private final MailRequestLimit limit;

	AccountMails(Mailer mailer, OneTimeSecrets secrets, RecoveryLinks links, RecoveryProperties properties,
			MailRequestLimit limit) {
		if (properties.requireVerifiedEmail() && !mailer.isEnabled()) {
			throw new IllegalStateException("AUTH_REQUIRE_VERIFIED_EMAIL needs mail, or no account could ever "
					+ "verify its address and sign in: set SPRING_MAIL_HOST and MAIL_FROM");
		}
		this.mailer = mailer;
		this.secrets = secrets;
		this.links = links;
		this.properties = properties;
		this.limit = limit;
	}

	/**
	 * What a reset secret is bound to: the password it replaces, the address it was sent
	 * to and the token version. A password or address changed since, a sign-out
	 * everywhere or a deactivation voids the link.
	 */
	static String resetBinding(User user) {
		return user.getPasswordHash() + "\n" + user.getEmailKey() + "\n" + user.getTokenVersion();
	}

	/** What a verification secret is bound to: the address it was sent to. */
	static String verificationBinding(User user) {
		return user.getEmailKey();
	}

	/** Whether mails go anywhere. */
	boolean isEnabled() {
		return this.mailer.isEnabled();
	}

	/**
	 * @throws dev.jwtauth.mail.MailUnavailableException when mails go nowhere
	 */
	void requireEnabled() {
		this.mailer.requireEnabled();
	}

	/** Issues a reset secret, voiding earlier ones, and mails its link. */
	void passwordReset(User user) {
		String secret = this.secrets.issue(user.getId(), PASSWORD_RESET, resetBinding(user),
				this.properties.resetLifetime());
		send(user.getEmail(), "Reset your password", "password-reset", user, Map.of("username", user.getUsername(),
				"link", this.links.passwordReset(secret), "minutes", this.properties.resetLifetime().toMinutes()));
	}

	/**
	 * Issues a verification secret for the user's current address, voiding earlier ones,
	 * and mails its link there; nothing where mail is off, since no one asked for it.
	 */
	void emailVerification(User user) {
		if (!isEnabled()) {
			return;
		}
		String secret = this.secrets.issue(user.getId(), EMAIL_VERIFICATION, verificationBinding(user),
				this.properties.verificationLifetime());
		send(user.getEmail(), "Verify your email address", "email-verification", user,
				Map.of("username", user.getUsername(), "link", this.links.emailVerification(secret), "hours",
						this.properties.verificationLifetime().toHours()));
	}

	/** Tells the user that the password changed. */
	void passwordChanged(User user) {
		if (isEnabled()) {
			send(user.getEmail(), "Your password was changed", "password-changed", user,
					Map.of("username", user.getUsername()));
		}
	}

	/**
	 * Whether mail about a change of the account's address to {@code newAddress} may go
	 * out: it counts against the mail limits, so that changing addresses cannot flood an
	 * inbox. Called before the change's transaction, which then holds no second
	 * connection for the count.
	 */
	boolean mayMailAddressChange(User user, String newAddress, String client) {
		if (!isEnabled()) {
			return false;
		}
		try {
			this.limit.take(client, verificationRecipient(UserKeys.email(newAddress)));
			// The notice to the previous address counts for it too: otherwise changing an
			// account's address back and forth would mail a stranger's address unlimited.
			this.limit.takeForRecipient(verificationRecipient(user.getEmailKey()));
			return true;
		}
		catch (MailRequestsLimitedException ex) {
			events.info("Address changes without mail, past the mail limits: user={} client={}", user.getId(), client);
			return false;
		}
	}

	/**
	 * After the account's address changed: voids the reset links sent to the previous
	 * one, whatever address comes next, and, when {@code mail} allows, mails the new
	 * address a verification link and the previous one a notice. Without mail the change
	 * stands all the same.
	 */
	void emailChanged(String previousAddress, User user, boolean mail) {
		this.secrets.voidAll(user.getId(), PASSWORD_RESET);
		if (mail) {
			emailVerification(user);
			send(previousAddress, "Your email address was changed", "email-changed", user,
					Map.of("username", user.getUsername(), "email", user.getEmail()));
		}
	}

	/**
	 * The recipient a reset request is counted for: reset links and verification links
	 * are counted apart, so that strangers asking for resets cannot use up the owner's
	 * verification mails.
	 */
	static String resetRecipient(String emailKey) {
		return "reset:" + emailKey;
	}

	static String verificationRecipient(String emailKey) {
		return "verification:" + emailKey;
	}

	private void send(String to, String subject, String template, User user, Map<String, ?> model) {
		this.mailer.send(new OutgoingMail(to, subject, template, model, "user=" + user.getId()));
	}

}
