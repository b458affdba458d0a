package dev.jwtauth.mail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.MimeMessage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends the service's mail in the background, one at a time, so that no request waits for
 * a mail server. Mail sent within a transaction goes once it commits, and not at all if
 * it rolls back. Delivery failures are logged and counted, never thrown: the request that
 * sent the mail has succeeded by then.
 */
public class Mailer {

	/**
	 * Mails, tagged {@code template} and {@code outcome}: {@code sent}, {@code failed}
	 * (rendering or delivery failed), {@code rejected} (refused unsent: the queue was
	 * full, mail is off, or the service was shutting down).
	 */
	public static final String METRIC = "auth.mail";

	/** Mails that may wait for their turn; more are refused. */
	static final int QUEUE_CAPACITY = 100;

	/** How long a shutdown waits for the mails still queued. */
	static final Duration DRAIN_TIME = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(Mailer.class);

	private final MailDelivery delivery;

	private final MailComposer composer;

	private final MeterRegistry registry;

	private final ThreadPoolExecutor worker;

	Mailer(MailDelivery delivery, MailComposer composer, MeterRegistry registry) {
		this.delivery = delivery;
		this.composer = composer;
		this.registry = registry;
		this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
				(task) -> {
					Thread thread = new Thread(task, "mail");
					thread.setDaemon(true);
					return thread;
				});
	}

	private Mailer(MeterRegistry registry) {
		this.delivery = null;
		this.composer = null;
		this.registry = registry;
		this.worker = null;
	}

	/** A mailer for a server without mail: it sends nothing. */
	static Mailer off(MeterRegistry registry) {
		return new Mailer(registry);
	}

	/** Whether mail leaves this server, over SMTP or as files. */
	public boolean isEnabled() {
		return this.delivery != null;
	}

	/**
	 * For what cannot be done without mail: call it before changing anything.
	 * @throws MailUnavailableException when mail is off
	 */
	public void requireEnabled() {
		if (!isEnabled()) {
			throw new MailUnavailableException();
		}
	}

	/**
	 * Queues the mail, once the current transaction commits if there is one. Never throws
	 * for a delivery failure. With mail off, the mail is dropped (counted
	 * {@code rejected}): callers that must not go on without it call
	 * {@link #requireEnabled()} first.
	 */
	public void send(OutgoingMail mail) {
		if (!isEnabled()) {
			logger.debug("Mail {} for {} dropped: mail is off", mail.template(), mail.reference());
			count(mail, "rejected");
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					enqueue(mail);
				}

			});
		}
		else {
			enqueue(mail);
		}
	}

	private void enqueue(OutgoingMail mail) {
		try {
			this.worker.execute(new Delivery(mail));
		}
		catch (RejectedExecutionException ex) {
			logger.warn("Mail {} for {} refused: {}", mail.template(), mail.reference(), this.worker.isShutdown()
					? "the service is shutting down" : QUEUE_CAPACITY + " mails are waiting already");
			count(mail, "rejected");
		}
	}

	private void deliver(OutgoingMail mail) {
		try {
			MimeMessage message = this.delivery.newMessage();
			this.composer.compose(mail, message);
			this.delivery.deliver(message);
			logger.debug("Mail {} for {} sent", mail.template(), mail.reference());
			count(mail, "sent");
		}
		catch (Exception ex) {
			// The cause's kind only: its message may name the recipient
			logger.warn("Mail {} for {} failed: {}", mail.template(), mail.reference(),
					NestedExceptionUtils.getMostSpecificCause(ex).getClass().getName());
			count(mail, "failed");
		}
	}

	private void count(OutgoingMail mail, String outcome) {
		Counter.builder(METRIC)
			.description("Mails sent, failed or refused")
			.tag("template", mail.template())
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	/** Sends what is queued for a while, then gives up on the rest. */
	void shutdown() {
		if (this.worker == null) {
			return;
		}
		this.worker.shutdown();
		try {
			if (this.worker.awaitTermination(DRAIN_TIME.toMillis(), TimeUnit.MILLISECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		List<Runnable> unsent = this.worker.shutdownNow();
		logger.warn("Shut down with {} mails unsent", unsent.size());
		unsent.forEach((task) -> count(((Delivery) task).mail, "rejected"));
	}

	private final class Delivery implements Runnable {

		private final OutgoingMail mail;

		Delivery(OutgoingMail mail) {
			this.mail = mail;
		}

		@Override
		public void run() {
			deliver(this.mail);
		}

	}

}
