package dev.jwtauth.mail;

import java.io.IOException;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Where composed mail goes: to an SMTP server, or to files.
 */
interface MailDelivery {

	/** An empty message of this delivery's mail session. */
	MimeMessage newMessage();

	void deliver(MimeMessage message) throws MessagingException, IOException;

}
