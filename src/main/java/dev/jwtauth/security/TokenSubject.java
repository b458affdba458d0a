package dev.jwtauth.security;

/**
 * What the token filter needs to know of a user to accept a token: whether it may sign
 * in, and its current token version. Also carries what the user's own responses show.
 */
public record TokenSubject(long id, String username, String email, boolean active, boolean staff, boolean superuser,
		int tokenVersion) {
}
