package dev.jwtauth.user;

/**
 * A user as clients see it, with a token to authenticate as that user.
 */
record UserResponse(String email, String username, String token) {

	@Override
	public String toString() {
		return "UserResponse[username=" + this.username + "]";
	}

}
