package dev.jwtauth.user;

import jakarta.validation.constraints.NotNull;

/**
 * Asks for a mail with a link to reset the password of the account with this address.
 */
record PasswordResetRequest(@NotNull(message = Messages.REQUIRED) @EmailAddress String email) {

	PasswordResetRequest {
		email = (email != null) ? UserKeys.normalizeEmail(email) : null;
	}

	@Override
	public String toString() {
		return "PasswordResetRequest[]";
	}

}
