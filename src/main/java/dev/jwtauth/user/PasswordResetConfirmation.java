package dev.jwtauth.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Sets a new password with the secret of a reset link.
 */
record PasswordResetConfirmation(
		@NotNull(message = Messages.REQUIRED) @Size(min = 1, message = Messages.BLANK) String token,
		@NotNull(message = Messages.REQUIRED) @Password String password) {

	@Override
	public String toString() {
		return "PasswordResetConfirmation[]";
	}

}
