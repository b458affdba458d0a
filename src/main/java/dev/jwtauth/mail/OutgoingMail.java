package dev.jwtauth.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A mail to send, rendered from the templates
 * {@code templates/mail/<template>.txt.mustache} and
 * {@code templates/mail/<template>.html.mustache} with the model.
 *
 * @param to the recipient's address
 * @param subject the subject line
 * @param template the name of the templates, such as {@code password-reset}
 * @param model the values the templates name; they may hold a secret link, so they are
 * never logged
 * @param reference what the log may say about the mail, such as {@code user=42}: never
 * the address or the link
 */
public record OutgoingMail(String to, String subject, String template, Map<String, ?> model, String reference) {

	private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	public OutgoingMail {
		if (to == null || to.isBlank()) {
			throw new IllegalArgumentException("A mail needs a recipient");
		}
		// A line break would end the Subject header and start another
		if (subject == null || subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
			throw new IllegalArgumentException("A mail needs a subject of one line");
		}
		if (template == null || !TEMPLATE_NAME.matcher(template).matches()) {
			throw new IllegalArgumentException("A mail template is named in lower case, digits and dashes");
		}
		model = (model != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(model)) : Map.of();
		reference = (reference != null) ? reference : "";
	}

	/** Only what the log may say: never the address, nor the model and its link. */
	@Override
	public String toString() {
		return "OutgoingMail[template=" + this.template + ", reference=" + this.reference + "]";
	}

}
