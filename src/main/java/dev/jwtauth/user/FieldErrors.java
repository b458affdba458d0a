package dev.jwtauth.user;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;

/**
 * Collects every validation message of one request, so that a client learns of all its
 * mistakes at once.
 */
final class FieldErrors {

	private final Map<String, Set<String>> messages = new LinkedHashMap<>();

	static <T> FieldErrors of(Set<ConstraintViolation<T>> violations) {
		FieldErrors errors = new FieldErrors();
		violations.forEach((violation) -> errors.add(violation.getPropertyPath().toString(), violation.getMessage()));
		return errors;
	}

	FieldErrors add(String field, String message) {
		this.messages.computeIfAbsent(field, (key) -> new LinkedHashSet<>()).add(message);
		return this;
	}

	boolean has(String field) {
		return this.messages.containsKey(field);
	}

	/**
	 * Every message as {@code field: message}, separated by spaces; {@code null} if none.
	 */
	String summary() {
		if (this.messages.isEmpty()) {
			return null;
		}
		List<String> lines = new ArrayList<>();
		this.messages.forEach((field, messages) -> messages.forEach((message) -> lines.add(field + ": " + message)));
		return String.join(" ", lines);
	}

	void throwIfAny() {
		if (!this.messages.isEmpty()) {
			Map<String, List<String>> errors = new LinkedHashMap<>();
			this.messages.forEach((field, messages) -> errors.put(field, List.copyOf(messages)));
			throw new UserValidationException(errors);
		}
	}

}
