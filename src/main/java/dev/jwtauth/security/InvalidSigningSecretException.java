package dev.jwtauth.security;

/**
 * The signing secret is missing or too weak; the service refuses to start.
 */
class InvalidSigningSecretException extends RuntimeException {

	InvalidSigningSecretException(String message) {
		super(message);
	}

}
