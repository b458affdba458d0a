package dev.jwtauth.security;

/**
 * A presented token was not accepted.
 */
class TokenRejectedException extends Exception {

	private final TokenFailure failure;

	TokenRejectedException(TokenFailure failure) {
		super(failure.message(), null, false, false);
		this.failure = failure;
	}

	TokenFailure failure() {
		return this.failure;
	}

}
