package dev.jwtauth.web;

import java.util.Locale;

/**
 * Text that every supported database keeps exactly as given. PostgreSQL refuses NUL in
 * text, and its driver turns a UTF-16 surrogate without its partner into {@code ?}, while
 * H2 keeps both; Argon2 cannot hash such a surrogate at all. Refusing both wherever a
 * request carries text keeps the databases alike and every such request a 400. The
 * messages are the original Django REST Framework service's.
 */
final class StorableText {

	static final String NUL = "Null characters are not allowed.";

	private StorableText() {
	}

	/** Why {@code text} cannot be kept as given, or {@code null} if it can. */
	static String problem(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\0') {
				return NUL;
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return String.format(Locale.ROOT, "Surrogate characters are not allowed: U+%04X.", (int) c);
			}
		}
		return null;
	}

}
