package dev.jwtauth.security;

/**
 * Every password-hashing slot stayed busy for as long as a request may wait: the request
 * is refused before any password was checked, and may be retried shortly.
 */
public class PasswordHashingBusyException extends RuntimeException {

	PasswordHashingBusyException() {
		super("Password hashing is at capacity", null, false, false);
	}

}
