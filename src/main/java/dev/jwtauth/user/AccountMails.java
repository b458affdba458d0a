package dev.jwtauth.user;

import java.util.Map;

import dev.jwtauth.mail.Mailer;
import dev.jwtauth.mail.OutgoingMail;
import dev.jwtauth.security.OneTimeSecrets;

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

	private final Mailer mailer;

	private final OneTimeSecrets secrets;

	private final RecoveryLinks links;

	private final RecoveryProperties properties;

	AccountMails(Mailer mailer, OneTimeSecrets secrets, RecoveryLinks links, RecoveryProperties properties) {
		this.mailer = mailer;
		this.secrets = secrets;
		this.links = links;
		this.properties = properties;
	}

	/**
	 * What a reset secret is bound to: the password it replaces and the address it was
	 * sent to. A password changed or an address changed since voids the link.
	 */
	static String resetBinding(User user) {
		return user.getPasswordHash() + "\n" + user.getEmailKey();
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

	/** Tells the previous address that the account moved to another one. */
	void emailChanged(String previousAddress, User user) {
		if (isEnabled()) {
			send(previousAddress, "Your email address was changed", "email-changed", user,
					Map.of("username", user.getUsername(), "email", user.getEmail()));
		}
	}

	private void send(String to, String subject, String template, User user, Map<String, ?> model) {
		this.mailer.send(new OutgoingMail(to, subject, template, model, "user=" + user.getId()));
	}

}
