package dev.jwtauth.security;

import java.nio.charset.StandardCharsets;

import org.springframework.web.util.UriUtils;

/**
 * Paths as route patterns match them, for the security decision and Spring MVC alike.
 */
public final class RoutePaths {

	private RoutePaths() {
	}

	/**
	 * The path percent-decoded, as patterns match it: {@code /users/%73ignout} is
	 * {@code /users/signout}. A path that does not decode stays as it is.
	 */
	public static String decoded(String path) {
		try {
			return UriUtils.decode(path, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return path;
		}
	}

}
