package dev.jwtauth.user;

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

	void throwIfAny() {
		if (!this.messages.isEmpty()) {
			Map<String, List<String>> errors = new LinkedHashMap<>();
			this.messages.forEach((field, messages) -> errors.put(field, List.copyOf(messages)));
			throw new UserValidationException(errors);
		}
	}

}
