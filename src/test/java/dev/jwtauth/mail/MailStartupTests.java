package dev.jwtauth.mail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.mustache.autoconfigure.MustacheAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * With an SMTP host, the service refuses to start without a valid sender address, and
 * says what to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class MailStartupTests {

	@Test
	void startWhenSmtpHostAndNoMailFromThenRefusedWithWhatToSet(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--spring.mail.host=smtp.example.com", "--auth.mail.from="));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("MAIL_FROM is not set: mail goes over SMTP (SPRING_MAIL_HOST), and needs a sender address.")
			.contains("Set MAIL_FROM to the address the service's mail comes from");
	}

	@Test
	void startWhenSmtpHostAndMailFromNotAnAddressThenRefused(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> start("--spring.mail.host=smtp.example.com", "--auth.mail.from=no-reply at example"));

		assertThat(output).contains("MAIL_FROM is not an email address: 'no-reply at example'.");
	}

	@Test
	void startWhenSmtpHostAndMailFromThenMailIsOn(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MailOnly.class)
			.web(WebApplicationType.NONE)
			.run("--spring.mail.host=smtp.example.com", "--auth.mail.from=no-reply@example.com")) {
			assertThat(context.getBean(Mailer.class).isEnabled()).isTrue();
		}
		assertThat(output).contains("Mail is sent over SMTP through smtp.example.com as no-reply@example.com");
	}

	private static void start(String... args) {
		new SpringApplicationBuilder(MailOnly.class).web(WebApplicationType.NONE).run(args).close();
	}

	/** The mail configuration with Boot's start-up, failure analyzers included. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ MailSenderAutoConfiguration.class, MustacheAutoConfiguration.class })
	@Import(MailConfig.class)
	static class MailOnly {

	}

}
