package dev.jwtauth.user;

import jakarta.validation.constraints.NotNull;

record SignupRequest(@NotNull(message = Messages.REQUIRED) @Username String username,
		@NotNull(message = Messages.REQUIRED) @EmailAddress String email,
		@NotNull(message = Messages.REQUIRED) @Password String password) {

	SignupRequest {
		username = (username != null) ? UserKeys.normalizeUsername(username) : null;
		email = (email != null) ? UserKeys.normalizeEmail(email) : null;
	}

	@Override
	public String toString() {
		return "SignupRequest[username=" + this.username + ", email=" + this.email + "]";
	}

}
