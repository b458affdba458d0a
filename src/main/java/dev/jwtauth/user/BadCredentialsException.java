package dev.jwtauth.user;

/**
 * Signin failed: unknown user, wrong password or inactive account, never saying which.
 */
public class BadCredentialsException extends RuntimeException {

	BadCredentialsException() {
		super(Messages.BAD_CREDENTIALS, null, false, false);
	}

}
