package dev.jwtauth.mail;

import java.io.IOException;
import java.util.Map;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.mustache.autoconfigure.MustacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail configuration alone, with Boot's mail sender and Mustache compiler, a meter
 * registry to read the counts from, and the test template {@code mail/test-notice}.
 */
final class TestMail {

	static final String LINK = "https://app.example.com/reset?token=secret-link-token";

	private TestMail() {
	}

	static ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MailSenderAutoConfiguration.class, MustacheAutoConfiguration.class))
			.withUserConfiguration(MailConfig.class)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new);
	}

	/** The test template's mail, with a name that HTML must escape and a secret link. */
	static OutgoingMail notice(String to) {
		return new OutgoingMail(to, "Notice für Zoë", "test-notice",
				Map.of("name", "Zoë <b>&</b>", "message", "Something happened.", "link", LINK), "user=42");
	}

	static double count(MeterRegistry registry, String outcome) {
		Counter counter = registry.find(Mailer.METRIC).tag("template", "test-notice").tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Checks that the message is the test notice: text and HTML alternatives in UTF-8,
	 * the model's values in both, escaped in the HTML only.
	 */
	static void assertNotice(MimeMessage message, String from, String to) throws MessagingException, IOException {
		assertThat(message.getFrom()).extracting(Object::toString).containsExactly(from);
		assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly(to);
		assertThat(message.getSubject()).isEqualTo("Notice für Zoë");
		assertThat(message.getContentType()).startsWith("multipart/alternative");
		Multipart alternatives = (Multipart) message.getContent();
		assertThat(alternatives.getCount()).isEqualTo(2);
		BodyPart text = alternatives.getBodyPart(0);
		assertThat(text.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
		assertThat((String) text.getContent()).contains("Hello Zoë <b>&</b>,", "Something happened.", "Open " + LINK);
		BodyPart html = alternatives.getBodyPart(1);
		assertThat(html.getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
		assertThat((String) html.getContent()).contains("<p>Hello Zoë &lt;b&gt;&amp;&lt;/b&gt;,</p>")
			.contains("<a href=\"" + LINK.replace("=", "&#x3D;") + "\">");
	}

}
