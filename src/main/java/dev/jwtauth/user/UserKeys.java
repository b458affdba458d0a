package dev.jwtauth.user;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Canonical forms of what users type: the values kept, and the case-folded keys that
 * uniqueness and lookups compare.
 */
final class UserKeys {

	private UserKeys() {
	}

	/** A username as kept: compatibility-normalized, so look-alike forms are one name. */
	static String normalizeUsername(String username) {
		return Normalizer.normalize(username.strip(), Normalizer.Form.NFKC);
	}

	/** An email as kept: its domain in lower case, its local part as given. */
	static String normalizeEmail(String email) {
		String stripped = email.strip();
		int at = stripped.lastIndexOf('@');
		return (at < 0) ? stripped
				: stripped.substring(0, at + 1) + stripped.substring(at + 1).toLowerCase(Locale.ROOT);
	}

	static String username(String username) {
		return fold(normalizeUsername(username));
	}

	static String email(String email) {
		return fold(normalizeEmail(email));
	}

	/**
	 * An existing account as the password throttle counts guesses at it: by id, however
	 * the account was named.
	 */
	static String guessedAccount(long userId) {
		return "user:" + userId;
	}

	/** Full case folding, so that for example "STRASSE" and "straße" are one key. */
	private static String fold(String value) {
		return value.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
	}

}
