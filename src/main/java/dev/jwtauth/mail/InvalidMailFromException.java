package dev.jwtauth.mail;

/**
 * Mail goes over SMTP but the address it is sent from is missing or not an address; the
 * service refuses to start.
 */
class InvalidMailFromException extends RuntimeException {

	InvalidMailFromException(String message) {
		super(message);
	}

}
