package dev.jwtauth.user;

/**
 * A refresh token presented for a new access token.
 */
record RefreshRequest(String refreshToken) {

	@Override
	public String toString() {
		return "RefreshRequest[]";
	}

}
