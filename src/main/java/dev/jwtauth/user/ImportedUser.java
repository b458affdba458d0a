package dev.jwtauth.user;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/**
 * An account as the service this one replaces kept it, to be created here with its id,
 * flags and times. Username and email must meet the signup rules.
 *
 * @param passwordHash the stored hash, prefixed with the {@code {id}} of its kind
 */
public record ImportedUser(long id, @NotNull(message = Messages.REQUIRED) @Username String username,
		@NotNull(message = Messages.REQUIRED) @EmailAddress String email, String passwordHash, boolean active,
		boolean staff, boolean superuser, Instant createdAt, Instant updatedAt) {

	public ImportedUser {
		username = (username != null) ? UserKeys.normalizeUsername(username) : null;
		email = (email != null) ? UserKeys.normalizeEmail(email) : null;
	}

	@Override
	public String toString() {
		return "ImportedUser[id=" + this.id + ", username=" + this.username + "]";
	}

}
