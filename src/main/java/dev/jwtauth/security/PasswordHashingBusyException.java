package dev.jwtauth.security;

/**
 * A password could not be checked in time, because every password-hashing slot, or every
 * turn the guess limits leave, stayed taken for as long as a request may wait: the
 * request is refused before any password was checked, and may be retried shortly.
 */
public class PasswordHashingBusyException extends RuntimeException {

	public PasswordHashingBusyException() {
		super("Password hashing is at capacity", null, false, false);
	}

}
