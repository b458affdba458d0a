package dev.jwtauth.django;

/**
 * The migration window is half configured or its cut-off is not an instant; the service
 * refuses to start.
 */
class InvalidDjangoTokenWindowException extends RuntimeException {

	InvalidDjangoTokenWindowException(String message) {
		super(message);
	}

}
