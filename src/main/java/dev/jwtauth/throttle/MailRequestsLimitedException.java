package dev.jwtauth.throttle;

import java.time.Duration;

/**
 * A client asked for more mails than it, or anyone for that recipient, may within the
 * window, and must wait before it asks again.
 */
public class MailRequestsLimitedException extends RuntimeException {

	private final Duration retryAfter;

	public MailRequestsLimitedException(Duration retryAfter) {
		super("Too many mails asked for", null, false, false);
		this.retryAfter = retryAfter;
	}

	/** How long until a request may be counted again. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/** How long until the client may ask again, rounded up to whole seconds. */
	public long retryAfterSeconds() {
		return Math.max(1, this.retryAfter.toSeconds() + ((this.retryAfter.toNanosPart() > 0) ? 1 : 0));
	}

}
