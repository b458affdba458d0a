package dev.jwtauth.security;

import java.util.Optional;

/**
 * Tokens that the service this one replaces issued, accepted beside the service's own for
 * a while, so that its users need not sign in again. Such a token carries no token
 * version: it stands for the user's first one, so that it is refused as soon as the user
 * changes password, signs out or is deactivated here.
 */
@FunctionalInterface
public interface PredecessorTokens {

	/** Accepts no token: the default. */
	PredecessorTokens NONE = (token) -> Optional.empty();

	/**
	 * @return the token's user, or empty when the token is not one of the predecessor's
	 * that is still accepted, or names no user imported from it: a later id there may
	 * belong to somebody else here
	 */
	Optional<PredecessorToken> verify(String token);

	/**
	 * A token whose signature the predecessor's key verifies.
	 *
	 * @param userId the user the token names
	 * @param expired whether its own expiry has passed
	 */
	record PredecessorToken(long userId, boolean expired) {
	}

}
