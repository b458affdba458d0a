package dev.jwtauth.security;

import java.util.Optional;

/**
 * Finds the user a verified token names, in one lookup.
 */
public interface TokenSubjects {

	Optional<TokenSubject> findById(long id);

	/**
	 * Finds a user imported from the predecessor, whose tokens name users by the ids they
	 * had there: any other user with that id is somebody else.
	 */
	Optional<TokenSubject> findImportedById(long id);

}
