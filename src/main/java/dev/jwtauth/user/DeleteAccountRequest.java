package dev.jwtauth.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Confirms the deletion of the current account with its password.
 */
record DeleteAccountRequest(
		@NotNull(message = Messages.REQUIRED) @Size(min = 1, message = Messages.BLANK) String password) {

	@Override
	public String toString() {
		return "DeleteAccountRequest[]";
	}

}
