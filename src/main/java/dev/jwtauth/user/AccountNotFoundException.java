package dev.jwtauth.user;

/**
 * No account has the username an administrator asked for, or no session of the user the
 * name the user asked for.
 */
public class AccountNotFoundException extends RuntimeException {

	AccountNotFoundException() {
		super("No such account", null, false, false);
	}

}
