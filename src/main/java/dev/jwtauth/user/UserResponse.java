package dev.jwtauth.user;

import dev.jwtauth.security.TokenService;

/**
 * A user as clients see it, with a token to authenticate as that user.
 */
record UserResponse(String email, String username, String token) {

	/** The user with a new token at the user's current token version. */
	static UserResponse of(User user, TokenService tokens) {
		return new UserResponse(user.getEmail(), user.getUsername(),
				tokens.issue(user.getId(), user.getTokenVersion()));
	}

	@Override
	public String toString() {
		return "UserResponse[username=" + this.username + "]";
	}

}
