package dev.jwtauth.security;

import java.util.Locale;

/**
 * A presented token was not accepted: the failure clients are told, and a finer reason
 * for the metrics that operators watch.
 */
class TokenRejectedException extends Exception {

	private final TokenFailure failure;

	private final String reason;

	TokenRejectedException(TokenFailure failure) {
		this(failure, failure.name().toLowerCase(Locale.ROOT));
	}

	TokenRejectedException(TokenFailure failure, String reason) {
		super(failure.message(), null, false, false);
		this.failure = failure;
		this.reason = reason;
	}

	TokenFailure failure() {
		return this.failure;
	}

	/**
	 * {@code malformed}, {@code bad_signature}, {@code expired}, {@code revoked} or
	 * {@code user_inactive}.
	 */
	String reason() {
		return this.reason;
	}

}
