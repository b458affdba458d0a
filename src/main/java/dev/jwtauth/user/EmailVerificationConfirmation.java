package dev.jwtauth.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Confirms an address with the secret of a verification link.
 */
record EmailVerificationConfirmation(
		@NotNull(message = Messages.REQUIRED) @Size(min = 1, message = Messages.BLANK) String token) {

	@Override
	public String toString() {
		return "EmailVerificationConfirmation[]";
	}

}
