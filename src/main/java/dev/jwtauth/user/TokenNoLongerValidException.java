package dev.jwtauth.user;

import dev.jwtauth.security.TokenFailure;

/**
 * The token a request was authenticated with stopped standing while the request ran: its
 * user signed out, changed the password, was deactivated or deleted. Nothing was changed.
 */
public class TokenNoLongerValidException extends RuntimeException {

	private final TokenFailure failure;

	TokenNoLongerValidException(TokenFailure failure) {
		super(failure.message(), null, false, false);
		this.failure = failure;
	}

	/** Why the token no longer stands, as the token filter would have said. */
	public TokenFailure failure() {
		return this.failure;
	}

}
