package dev.jwtauth.security;

/**
 * The claims of a token whose signature and expiry were verified.
 *
 * @param userId the user the token was issued to
 * @param tokenVersion the user's token version when it was issued
 */
record VerifiedToken(long userId, int tokenVersion) {
}
