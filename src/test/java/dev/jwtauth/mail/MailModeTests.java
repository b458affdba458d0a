package dev.jwtauth.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * How mail leaves the server when there is no SMTP host: as files on the embedded H2
 * default, a local setup; not at all otherwise.
 */
@ExtendWith(OutputCaptureExtension.class)
class MailModeTests {

	@TempDir
	Path temporary;

	@Test
	void sendWhenNoSmtpHostAndEmbeddedH2ThenOneOwnerOnlyEmlFilePerMail(CapturedOutput output) {
		assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
		Path directory = this.temporary.resolve("mail");
		TestMail.runner()
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:mail", "auth.mail.directory=" + directory)
			.run((context) -> {
				Mailer mailer = context.getBean(Mailer.class);
				assertThat(mailer.isEnabled()).isTrue();

				mailer.send(TestMail.notice("zoe@example.com"));
				mailer.send(TestMail.notice("max@example.com"));

				await().until(() -> TestMail.count(context.getBean(MeterRegistry.class), "sent") == 2);
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
					.isEqualTo("rwx------");
				List<Path> files = files(directory);
				assertThat(files).hasSize(2).allSatisfy((file) -> {
					assertThat(file.getFileName().toString()).endsWith(".eml");
					assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
						.isEqualTo("rw-------");
				});
				assertThat(files).map(MailModeTests::read)
					.anySatisfy((message) -> TestMail.assertNotice(message, MailConfig.LOCAL_FROM, "zoe@example.com"))
					.anySatisfy((message) -> TestMail.assertNotice(message, MailConfig.LOCAL_FROM, "max@example.com"));
			});
		assertThat(output).contains("Mail is written to files in " + directory);
	}

	@Test
	void startWhenNoSmtpHostAndAnotherDatabaseThenMailIsOffAndSaysSo(CapturedOutput output) {
		TestMail.runner()
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example.com/auth",
					"auth.mail.directory=" + this.temporary.resolve("mail"))
			.run((context) -> {
				Mailer mailer = context.getBean(Mailer.class);

				assertThat(mailer.isEnabled()).isFalse();
				assertThatExceptionOfType(MailUnavailableException.class).isThrownBy(mailer::requireEnabled)
					.withMessage("Mail is not configured on this server, so this cannot be done.");

				mailer.send(TestMail.notice("zoe@example.com"));
				assertThat(TestMail.count(context.getBean(MeterRegistry.class), "rejected")).isEqualTo(1);
			});
		assertThat(output).contains("WARN").contains("Recovery mail is off: no SMTP host (SPRING_MAIL_HOST)");
		assertThat(this.temporary.resolve("mail")).doesNotExist();
	}

	private static List<Path> files(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}

	private static MimeMessage read(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return new MimeMessage(Session.getInstance(new Properties()), in);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
