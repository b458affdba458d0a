package dev.jwtauth;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.awaitility.Awaitility;

/**
 * The mails a real SMTP server (GreenMail, in-process) received, as users find them in
 * their inboxes.
 */
public final class Mailbox {

	private static final Pattern LINK = Pattern.compile("https?://\\S+");

	private static final Pattern TOKEN = Pattern.compile("[?&]token=([^&\\s]+)");

	private Mailbox() {
	}

	/** A server on GreenMail's test port, started and emptied for each test. */
	public static GreenMailExtension server() {
		return new GreenMailExtension(ServerSetupTest.SMTP);
	}

	/**
	 * Waits for a mail to {@code to} with {@code subject}, failing after some seconds.
	 */
	public static MimeMessage await(GreenMailExtension server, String to, String subject) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> find(server, to, subject), (found) -> !found.isEmpty())
			.get(0);
	}

	/** The mails {@code to} received so far with {@code subject}. */
	public static List<MimeMessage> find(GreenMailExtension server, String to, String subject) {
		return Arrays.stream(server.getReceivedMessages())
			.filter((message) -> subject.equals(subject(message)) && recipients(message).contains(to))
			.toList();
	}

	/** The mails {@code to} received so far. */
	public static List<MimeMessage> all(GreenMailExtension server, String to) {
		return Arrays.stream(server.getReceivedMessages())
			.filter((message) -> recipients(message).contains(to))
			.toList();
	}

	/** The first link of the mail's text. */
	public static String link(MimeMessage message) {
		Matcher link = LINK.matcher(text(message));
		if (!link.find()) {
			throw new AssertionError("No link in the mail");
		}
		return link.group();
	}

	/** The secret in the mail's link. */
	public static String token(MimeMessage message) {
		Matcher token = TOKEN.matcher(link(message));
		if (!token.find()) {
			throw new AssertionError("No token in the mail's link");
		}
		return token.group(1);
	}

	/** The plain-text part of the mail, decoded. */
	public static String text(MimeMessage message) {
		try {
			return part(message.getContent(), "text/plain");
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The HTML part of the mail, decoded. */
	public static String html(MimeMessage message) {
		try {
			return part(message.getContent(), "text/html");
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String part(Object content, String type) throws IOException, MessagingException {
		if (content instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				String found = part.isMimeType(type) ? (String) part.getContent() : part(part.getContent(), type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String recipients(MimeMessage message) {
		try {
			return Arrays.toString(message.getRecipients(Message.RecipientType.TO));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
