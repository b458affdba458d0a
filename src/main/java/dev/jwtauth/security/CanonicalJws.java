package dev.jwtauth.security;

/**
 * Whether a token is a compact JWS spelled the one way it is issued: three parts of
 * unpadded base64url, each ending in a character whose unused low bits are zero. The
 * decoders of jjwt and of Java also accept {@code =} padding and any value in those bits,
 * so each token would have many spellings, each accepted, and each remembered as a token
 * of its own; only the issued spelling is accepted.
 */
final class CanonicalJws {

	private static final int PARTS = 3;

	private CanonicalJws() {
	}

	static boolean test(String token) {
		int parts = 0;
		int start = 0;
		for (int i = 0; i <= token.length(); i++) {
			if (i == token.length() || token.charAt(i) == '.') {
				if (!canonicalPart(token, start, i)) {
					return false;
				}
				parts++;
				start = i + 1;
			}
		}
		return parts == PARTS;
	}

	private static boolean canonicalPart(String token, int from, int to) {
		for (int i = from; i < to; i++) {
			if (sextet(token.charAt(i)) < 0) {
				return false;
			}
		}
		int remainder = (to - from) % 4;
		if (remainder == 0) {
			return true;
		}
		if (remainder == 1) {
			return false;
		}
		// Two characters carry one byte and four unused bits; three carry two and two.
		int unusedBits = (remainder == 2) ? 0b1111 : 0b11;
		return (sextet(token.charAt(to - 1)) & unusedBits) == 0;
	}

	private static int sextet(char c) {
		if (c >= 'A' && c <= 'Z') {
			return c - 'A';
		}
		if (c >= 'a' && c <= 'z') {
			return c - 'a' + 26;
		}
		if (c >= '0' && c <= '9') {
			return c - '0' + 52;
		}
		return (c == '-') ? 62 : (c == '_') ? 63 : -1;
	}

}
