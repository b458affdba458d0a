package dev.jwtauth.security;

/**
 * The user a request was authenticated as, with the token it presented and the token
 * version that token carries. The version was current when the request was authenticated;
 * a change the token authorises checks it again against the locked row. The session is
 * the one the token was issued in, null for a token of none.
 */
public record TokenPrincipal(long id, String username, String email, boolean staff, boolean superuser, String token,
		int tokenVersion, String sessionId) {

	@Override
	public String toString() {
		return "TokenPrincipal[id=" + this.id + "]";
	}

}
