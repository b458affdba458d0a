package dev.jwtauth.mail;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.samskivert.mustache.Mustache;

/**
 * Renders a mail's two templates into one multipart/alternative message, UTF-8: the plain
 * text as written, the HTML with the model's values escaped.
 */
final class MailComposer {

	private static final String CHARSET = StandardCharsets.UTF_8.name();

	private final Mustache.Compiler text;

	private final Mustache.Compiler html;

	private final InternetAddress from;

	/**
	 * @param compiler loads templates from {@code templates/} (Boot's Mustache compiler)
	 * @param from the sender's address
	 */
	MailComposer(Mustache.Compiler compiler, InternetAddress from) {
		this.text = compiler.escapeHTML(false);
		this.html = compiler.escapeHTML(true);
		this.from = from;
	}

	void compose(OutgoingMail mail, MimeMessage message) throws MessagingException {
		MimeBodyPart text = new MimeBodyPart();
		text.setText(render(this.text, mail, "txt"), CHARSET);
		MimeBodyPart html = new MimeBodyPart();
		html.setText(render(this.html, mail, "html"), CHARSET, "html");
		MimeMultipart alternatives = new MimeMultipart("alternative");
		alternatives.addBodyPart(text);
		alternatives.addBodyPart(html);
		message.setFrom(this.from);
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
		message.setSubject(mail.subject(), CHARSET);
		message.setSentDate(new Date());
		message.setContent(alternatives);
		message.saveChanges();
	}

	private static String render(Mustache.Compiler compiler, OutgoingMail mail, String kind) {
		return compiler.loadTemplate("mail/" + mail.template() + "." + kind).execute(mail.model());
	}

}
