package dev.jwtauth.user;

/**
 * No account has the username an administrator asked for.
 */
public class AccountNotFoundException extends RuntimeException {

	AccountNotFoundException() {
		super("No such account", null, false, false);
	}

}
