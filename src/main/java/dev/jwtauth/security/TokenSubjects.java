package dev.jwtauth.security;

import java.util.Optional;

/**
 * Finds the user a verified token names, in one lookup.
 */
public interface TokenSubjects {

	Optional<TokenSubject> findById(long id);

	/**
	 * The user, and whether {@code sessionId} is one of the user's sessions, still live,
	 * in the same one lookup.
	 */
	Optional<TokenSubject> findById(long id, String sessionId);

}
