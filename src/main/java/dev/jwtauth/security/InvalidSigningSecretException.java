package dev.jwtauth.security;

/**
 * The signing secret or key is missing or too weak; the service refuses to start.
 */
class InvalidSigningSecretException extends RuntimeException {

	private static final String SET_SECRET = "Set JWT_SECRET to the Base64 of at least 32 random bytes, "
			+ "the same on every instance: JWT_SECRET=\"$(openssl rand -base64 32)\"";

	private final String action;

	InvalidSigningSecretException(String message) {
		this(message, SET_SECRET);
	}

	InvalidSigningSecretException(String message, String action) {
		super(message);
		this.action = action;
	}

	/** What to set so that the service starts. */
	String action() {
		return this.action;
	}

}
