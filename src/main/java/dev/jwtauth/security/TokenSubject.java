package dev.jwtauth.security;

/**
 * What the token filter needs to know of a user to accept a token: whether it may sign
 * in, its current token version, and whether the session a token belongs to has ended.
 * Also carries what the user's own responses show.
 */
public record TokenSubject(long id, String username, String email, boolean active, boolean staff, boolean superuser,
		int tokenVersion, boolean sessionEnded) {

	/** A user asked for without a session. */
	public TokenSubject(long id, String username, String email, boolean active, boolean staff, boolean superuser,
			int tokenVersion) {
		this(id, username, email, active, staff, superuser, tokenVersion, false);
	}
}
