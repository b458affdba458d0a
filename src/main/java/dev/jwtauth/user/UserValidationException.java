package dev.jwtauth.user;

import java.util.List;
import java.util.Map;

/**
 * A request failed validation; carries every message, keyed by the property of the
 * request that it belongs to, or {@link #NON_FIELD} for the rest.
 */
public class UserValidationException extends RuntimeException {

	public static final String NON_FIELD = "error";

	private final Map<String, List<String>> errors;

	UserValidationException(Map<String, List<String>> errors) {
		super("Invalid request: " + errors.keySet(), null, false, false);
		this.errors = errors;
	}

	public Map<String, List<String>> errors() {
		return this.errors;
	}

}
