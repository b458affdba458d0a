package dev.jwtauth.mail;

import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends mail to the SMTP server that Spring Boot's {@code spring.mail.*} settings name.
 */
final class SmtpDelivery implements MailDelivery {

	private final JavaMailSender sender;

	SmtpDelivery(JavaMailSender sender) {
		this.sender = sender;
	}

	@Override
	public MimeMessage newMessage() {
		return this.sender.createMimeMessage();
	}

	@Override
	public void deliver(MimeMessage message) {
		this.sender.send(message);
	}

}
