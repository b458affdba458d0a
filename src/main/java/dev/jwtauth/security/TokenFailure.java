package dev.jwtauth.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Why a request carries no authenticated user. Each message names the kind of failure and
 * nothing more.
 */
public enum TokenFailure {

	MISSING("Authentication credentials were not provided."),

	INVALID("Invalid token."),

	EXPIRED("Token has expired."),

	REVOKED("Token has been revoked."),

	USER_INACTIVE("User inactive or deleted.");

	private static final String ATTRIBUTE = TokenFailure.class.getName();

	private final String message;

	TokenFailure(String message) {
		this.message = message;
	}

	public String message() {
		return this.message;
	}

	/**
	 * The failure recorded for this request by the token filter, or {@link #MISSING} when
	 * it carried no token.
	 */
	public static TokenFailure of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof TokenFailure failure) ? failure : MISSING;
	}

	void recordOn(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, this);
	}

}
