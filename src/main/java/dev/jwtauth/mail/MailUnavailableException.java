package dev.jwtauth.mail;

/**
 * Mail is off on this server, so what needs a mail to reach the user cannot be done.
 */
public class MailUnavailableException extends RuntimeException {

	public MailUnavailableException() {
		super("Mail is not configured on this server, so this cannot be done.");
	}

}
