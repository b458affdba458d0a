package dev.jwtauth.security;

/**
 * The user a request was authenticated as, with the token it presented.
 */
public record TokenPrincipal(long id, String username, String email, boolean staff, boolean superuser, String token) {

	@Override
	public String toString() {
		return "TokenPrincipal[id=" + this.id + "]";
	}

}
