package dev.jwtauth.mail;

import java.nio.file.Path;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import com.samskivert.mustache.Mustache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.util.StringUtils;

/**
 * How mail leaves this server, decided at start: over SMTP when {@code spring.mail.host}
 * is set; as files when there is no SMTP host and the database is the embedded H2
 * default, a local setup; otherwise not at all, and what needs mail answers 503.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfig {

	/** The sender of mail written to files, when {@code auth.mail.from} is not set. */
	static final String LOCAL_FROM = "jwt-auth@localhost";

	private static final Logger logger = LoggerFactory.getLogger(MailConfig.class);

	@Bean(destroyMethod = "shutdown")
	Mailer mailer(Environment environment, MailProperties properties, ObjectProvider<JavaMailSender> senders,
			Mustache.Compiler templates, ObjectProvider<MeterRegistry> registries) {
		MeterRegistry registry = registries.getIfAvailable(SimpleMeterRegistry::new);
		String host = environment.getProperty("spring.mail.host");
		if (StringUtils.hasText(host)) {
			InternetAddress from = from(properties.from());
			logger.info("Mail is sent over SMTP through {} as {}", host, from);
			return new Mailer(new SmtpDelivery(senders.getObject()), new MailComposer(templates, from), registry);
		}
		if (isEmbeddedH2(environment)) {
			Path directory = Path.of(properties.directory()).toAbsolutePath().normalize();
			InternetAddress from = from(StringUtils.hasText(properties.from()) ? properties.from() : LOCAL_FROM);
			logger.info("Mail is written to files in {}: there is no SMTP host (SPRING_MAIL_HOST)", directory);
			return new Mailer(new FileDelivery(directory), new MailComposer(templates, from), registry);
		}
		logger.warn("Recovery mail is off: no SMTP host (SPRING_MAIL_HOST) is set, so password reset and email "
				+ "verification answer 503");
		return Mailer.off(registry);
	}

	/**
	 * Whether the database is the local default kind, an H2 database inside this process:
	 * a setup on one machine, whose mail may stay on it.
	 */
	private static boolean isEmbeddedH2(Environment environment) {
		String url = environment.getProperty("spring.datasource.url", "");
		return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
	}

	private static InternetAddress from(String address) {
		if (!StringUtils.hasText(address)) {
			throw new InvalidMailFromException(
					"MAIL_FROM is not set: mail goes over SMTP (SPRING_MAIL_HOST), and needs a sender address.");
		}
		try {
			return new InternetAddress(address.strip(), true);
		}
		catch (AddressException ex) {
			throw new InvalidMailFromException("MAIL_FROM is not an email address: '" + address + "'.");
		}
	}

}
