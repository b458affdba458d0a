package dev.jwtauth.user;

/**
 * Changes to the current user; absent fields stay as they are. A new password needs the
 * current one.
 */
record UpdateRequest(@Username String username, @EmailAddress String email, @Password String password,
		String currentPassword) {

	UpdateRequest {
		username = (username != null) ? UserKeys.normalizeUsername(username) : null;
		email = (email != null) ? UserKeys.normalizeEmail(email) : null;
	}

	@Override
	public String toString() {
		return "UpdateRequest[username=" + this.username + ", email=" + this.email + "]";
	}

}
