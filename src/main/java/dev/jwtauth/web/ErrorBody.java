package dev.jwtauth.web;

import java.util.List;
import java.util.Map;

/**
 * Every error the service answers: messages keyed by request field, and under
 * {@value #NON_FIELD} those that belong to no field.
 */
record ErrorBody(Map<String, List<String>> errors) {

	static final String NON_FIELD = "error";

	static ErrorBody of(String message) {
		return new ErrorBody(Map.of(NON_FIELD, List.of(message)));
	}

	static ErrorBody of(String field, String message) {
		return new ErrorBody(Map.of(field, List.of(message)));
	}

}
