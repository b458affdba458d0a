package dev.jwtauth.user;

/**
 * The authenticated user no longer exists: it was deleted while its request ran.
 */
public class UserNotFoundException extends RuntimeException {

	UserNotFoundException() {
		super("User not found", null, false, false);
	}

}
