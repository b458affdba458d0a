package dev.jwtauth.user;

/**
 * The messages clients see, worded as the original service worded them.
 */
final class Messages {

	static final String INVALID_REFRESH_TOKEN = "Invalid or expired refresh token.";

	static final String REFRESH_TOKENS_OFF = "Refresh tokens are not enabled on this server.";

	static final String REQUIRED = "This field is required.";

	static final String BLANK = "This field may not be blank.";

	static final String INVALID_USERNAME = "Enter a valid username. This value may contain only letters, numbers, "
			+ "and @/./+/-/_ characters.";

	static final String INVALID_EMAIL = "Enter a valid email address.";

	static final String USERNAME_TOO_LONG = "Ensure this field has no more than 150 characters.";

	static final String EMAIL_TOO_LONG = "Ensure this field has no more than 254 characters.";

	static final String PASSWORD_TOO_SHORT = "Ensure this field has at least 8 characters.";

	static final String PASSWORD_TOO_LONG = "Ensure this field has no more than 128 characters.";

	static final String DUPLICATE_USERNAME = "user with this username already exists.";

	static final String DUPLICATE_EMAIL = "user with this email already exists.";

	static final String WRONG_CURRENT_PASSWORD = "Current password is incorrect.";

	static final String WRONG_PASSWORD = "Password is incorrect.";

	static final String MISSING_IDENTIFIER = "Must include \"username\" or \"email\".";

	static final String BAD_CREDENTIALS = "A user with this username and password was not found.";

	static final String OWN_DEACTIVATION = "You cannot deactivate your own account.";

	static final String SUPERUSER_IS_STAFF = "A superuser has every right of staff whatever is_staff says.";

	static final String LAST_SUPERUSER = "The last active superuser cannot be deleted.";

	static final String PAGE_RANGE = "Must be a whole number from 0 to %d.";

	static final String SIZE_RANGE = "Must be a whole number from 1 to %d.";

	static final String INVALID_RESET_LINK = "This reset link is invalid, used or expired; ask for a new one.";

	static final String INVALID_VERIFICATION_LINK = "This verification link is invalid, used or expired; "
			+ "ask for a new one.";

	static final String ALREADY_VERIFIED = "This email address is already verified.";

	static final String EMAIL_NOT_VERIFIED = "This account's email address is not verified yet: follow the link "
			+ "in the mail sent to it, or reset the password through it.";

	private Messages() {
	}

}
