package dev.jwtauth.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Signs in by {@code username}, or by {@code email} when no username is given.
 */
record SigninRequest(String username, String email,
		@NotNull(message = Messages.REQUIRED) @Size(min = 1, message = Messages.BLANK) String password) {

	SigninRequest {
		username = (username != null && !username.isBlank()) ? UserKeys.normalizeUsername(username) : null;
		email = (email != null && !email.isBlank()) ? UserKeys.normalizeEmail(email) : null;
	}

	@Override
	public String toString() {
		return "SigninRequest[username=" + this.username + ", email=" + this.email + "]";
	}

}
