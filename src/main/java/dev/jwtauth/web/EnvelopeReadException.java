package dev.jwtauth.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * A request body that is not a {@code {"user": {...}}} envelope of the expected fields.
 */
class EnvelopeReadException extends HttpMessageNotReadableException {

	private final Map<String, List<String>> errors;

	EnvelopeReadException(String field, String message, HttpInputMessage input) {
		this(Map.of(field, List.of(message)), input);
	}

	/** Several fields at once, each with its messages. */
	EnvelopeReadException(Map<String, List<String>> errors, HttpInputMessage input) {
		super("Invalid fields: " + errors.keySet(), input);
		this.errors = errors;
	}

	ErrorBody toErrorBody() {
		return new ErrorBody(this.errors);
	}

}
