package dev.jwtauth.security;

import java.util.Optional;

/**
 * Finds the user a verified token names, in one lookup.
 */
public interface TokenSubjects {

	Optional<TokenSubject> findById(long id);

}
