package dev.jwtauth.user;

/**
 * An account whose address was just verified. No token: a link may be opened on any
 * device, and opening it must not sign anyone in.
 */
record VerifiedEmail(String email, String username, boolean emailVerified) {

	static VerifiedEmail of(User user) {
		return new VerifiedEmail(user.getEmail(), user.getUsername(), user.isEmailVerified());
	}

}
