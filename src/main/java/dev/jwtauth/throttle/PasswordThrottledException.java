package dev.jwtauth.throttle;

import java.time.Duration;

/**
 * A client made too many wrong password guesses and must wait before it tries again.
 */
public class PasswordThrottledException extends RuntimeException {

	private final Duration retryAfter;

	PasswordThrottledException(Duration retryAfter) {
		super("Too many failed password checks", null, false, false);
		this.retryAfter = retryAfter;
	}

	/** How long until the client may try again, rounded up to whole seconds. */
	public long retryAfterSeconds() {
		return Math.max(1, this.retryAfter.toSeconds() + ((this.retryAfter.toNanosPart() > 0) ? 1 : 0));
	}

}
