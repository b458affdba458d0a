package dev.jwtauth.user;

import java.time.Instant;

/**
 * A user as staff see it.
 */
public record AccountView(long id, String username, String email, boolean emailVerified, boolean isActive,
		boolean isStaff, boolean isSuperuser, Instant createdAt, Instant updatedAt) {

	static AccountView of(User user) {
		return new AccountView(user.getId(), user.getUsername(), user.getEmail(), user.isEmailVerified(),
				user.isActive(), user.isStaff(), user.isSuperuser(), user.getCreatedAt(), user.getUpdatedAt());
	}

}
