package dev.jwtauth.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jwtauth.security.TokenService;

/**
 * A user as clients see it, with a token to authenticate as that user, and a refresh
 * token when refresh tokens are on: without one, the field is left out, as the original
 * service's answers have it.
 */
record UserResponse(String email, String username, String token,
		@JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken) {

	UserResponse(String email, String username, String token) {
		this(email, username, token, null);
	}

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
