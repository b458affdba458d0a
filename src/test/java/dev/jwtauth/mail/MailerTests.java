package dev.jwtauth.mail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Mail sent over SMTP, to a real SMTP server in this process: what arrives, when, and
 * what happens when it cannot be sent.
 */
@ExtendWith(OutputCaptureExtension.class)
class MailerTests {

	private static final String FROM = "Example <no-reply@example.com>";

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	@Test
	void sendWhenNoTransactionThenArrivesWithTextAndHtmlAndTheModel() {
		runner(smtp.getSmtp().getPort()).run((context) -> {
			context.getBean(Mailer.class).send(TestMail.notice("zoe@example.com"));

			assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
			TestMail.assertNotice(smtp.getReceivedMessages()[0], FROM, "zoe@example.com");
			// The server has the mail before the client has closed the session and
			// counted it
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().until(() -> TestMail.count(registry, "sent") == 1);
		});
	}

	@Test
	void sendWhenTransactionCommitsThenArrivesOnlyAfterTheCommit() {
		runner(smtp.getSmtp().getPort()).run((context) -> {
			Mailer mailer = context.getBean(Mailer.class);
			transactions().executeWithoutResult((status) -> {
				mailer.send(TestMail.notice("inside@example.com"));
				// One queue, in order: had the first mail been queued, it would arrive
				// first
				sendOutsideTransaction(mailer, "meanwhile@example.com");
				assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
				assertThat(recipients()).containsExactly("meanwhile@example.com");
			});

			assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
			assertThat(recipients()).containsExactly("meanwhile@example.com", "inside@example.com");
		});
	}

	@Test
	void sendWhenTransactionRollsBackThenNeverArrives() {
		runner(smtp.getSmtp().getPort()).run((context) -> {
			Mailer mailer = context.getBean(Mailer.class);
			transactions().executeWithoutResult((status) -> {
				mailer.send(TestMail.notice("inside@example.com"));
				status.setRollbackOnly();
			});

			mailer.send(TestMail.notice("after@example.com"));

			assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
			assertThat(recipients()).containsExactly("after@example.com");
		});
	}

	@Test
	void sendWhenSmtpServerDownThenCountedFailedAndLoggedWithoutTheLink(CapturedOutput output) throws IOException {
		runner(closedPort()).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);

			assertThatNoException()
				.isThrownBy(() -> context.getBean(Mailer.class).send(TestMail.notice("zoe@example.com")));

			await().until(() -> TestMail.count(registry, "failed") == 1);
			assertThat(TestMail.count(registry, "sent")).isZero();
		});
		assertThat(output).contains("Mail test-notice for user=42 failed")
			.doesNotContain(TestMail.LINK)
			.doesNotContain("zoe@example.com");
	}

	@Test
	void sendWhenQueueFullThenRejectedCountedAndLogged(CapturedOutput output) throws IOException {
		try (ServerSocket silent = new ServerSocket(0)) {
			runner(silent.getLocalPort()).run((context) -> {
				Mailer mailer = context.getBean(Mailer.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				mailer.send(TestMail.notice("first@example.com"));
				// The server never greets: the one mail in delivery waits, the rest queue
				try (Socket waiting = silent.accept()) {
					for (int i = 0; i < Mailer.QUEUE_CAPACITY; i++) {
						mailer.send(TestMail.notice("queued" + i + "@example.com"));
					}
					assertThat(TestMail.count(registry, "rejected")).isZero();

					mailer.send(TestMail.notice("one-too-many@example.com"));

					assertThat(TestMail.count(registry, "rejected")).isEqualTo(1);
					// Mail still queued fails fast once the server is gone
					silent.close();
				}
			});
		}
		assertThat(output).contains("Mail test-notice for user=42 refused");
	}

	@Test
	void closeWhenMailsQueuedThenTheyAreSentFirst() {
		runner(smtp.getSmtp().getPort()).run((context) -> {
			Mailer mailer = context.getBean(Mailer.class);
			for (int i = 0; i < 20; i++) {
				mailer.send(TestMail.notice("queued" + i + "@example.com"));
			}

			context.close();

			assertThat(smtp.getReceivedMessages()).hasSize(20);
		});
	}

	private static ApplicationContextRunner runner(int port) {
		return TestMail.runner()
			.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + port, "auth.mail.from=" + FROM);
	}

	/** Transactions on a database of their own, in memory for as long as each lasts. */
	private static TransactionTemplate transactions() {
		return new TransactionTemplate(new DataSourceTransactionManager(new DriverManagerDataSource("jdbc:h2:mem:")));
	}

	/** Sends from another thread, which takes no part in this one's transaction. */
	private static void sendOutsideTransaction(Mailer mailer, String to) {
		CompletableFuture.runAsync(() -> mailer.send(TestMail.notice(to))).join();
	}

	private static List<String> recipients() {
		MimeMessage[] received = smtp.getReceivedMessages();
		String[] recipients = new String[received.length];
		try {
			for (int i = 0; i < received.length; i++) {
				recipients[i] = received[i].getAllRecipients()[0].toString();
			}
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
		return Arrays.asList(recipients);
	}

	/** A port on this machine where nothing listens. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
