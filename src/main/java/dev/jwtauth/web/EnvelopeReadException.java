package dev.jwtauth.web;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * A request body that is not a {@code {"user": {...}}} envelope of the expected fields.
 */
class EnvelopeReadException extends HttpMessageNotReadableException {

	private final String field;

	EnvelopeReadException(String field, String message, HttpInputMessage input) {
		super(message, input);
		this.field = field;
	}

	ErrorBody toErrorBody() {
		return ErrorBody.of(this.field, getMessage());
	}

}
