package dev.jwtauth.security;

/**
 * The claims of a token whose signature and expiry were verified.
 *
 * @param userId the user the token was issued to
 * @param tokenVersion the user's token version when it was issued
 * @param sessionId the session it was issued in, which must still be live; null for a
 * token of no session
 */
record VerifiedToken(long userId, int tokenVersion, String sessionId) {

	VerifiedToken(long userId, int tokenVersion) {
		this(userId, tokenVersion, null);
	}

}
