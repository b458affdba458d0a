package dev.jwtauth.user;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.validation.Validator;

import dev.jwtauth.security.AuthMetrics;
import dev.jwtauth.security.PasswordHasher;
import dev.jwtauth.security.TokenFailure;
import dev.jwtauth.security.TokenPrincipal;
import dev.jwtauth.security.TokenService;
import dev.jwtauth.throttle.PasswordThrottle;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Signs users up and changes their accounts. Password hashing, deliberately slow, runs
 * outside any transaction so that it holds no database connection.
 */
@Service
class UserService {

	private static final long NO_ID = 0;

	/** Authentication events, for operators and alerting: never a password or token. */
	private static final Logger events = LoggerFactory.getLogger("dev.jwtauth.auth");

	private final UserRepository users;

	private final PasswordHasher passwords;

	private final Sessions sessions;

	private final TokenService tokens;

	private final Validator validator;

	private final TransactionOperations transactions;

	private final PasswordThrottle throttle;

	private final AccountMails mails;

	private final MeterRegistry metrics;

	UserService(UserRepository users, PasswordHasher passwords, TokenService tokens, Sessions sessions,
			Validator validator, TransactionOperations transactions, PasswordThrottle throttle, AccountMails mails,
			ObjectProvider<MeterRegistry> metrics) {
		this.users = users;
		this.passwords = passwords;
		this.sessions = sessions;
		this.tokens = tokens;
		this.validator = validator;
		this.transactions = transactions;
		this.throttle = throttle;
		this.mails = mails;
		this.metrics = AuthMetrics.registry(metrics);
	}

	/** Creates an account and mails a link to verify its address. */
	UserResponse signup(SignupRequest request, Client client) {
		User user = create(request, false, this.mails::emailVerification);
		this.metrics.counter(AuthMetrics.SIGNUPS).increment();
		return this.sessions.begin(user, client);
	}

	/**
	 * Creates an account under the signup rules; a superuser is also staff.
	 */
	User create(SignupRequest request, boolean superuser) {
		return create(request, superuser, (user) -> {
		});
	}

	/**
	 * Creates an account and does {@code andThen} with it in the same transaction.
	 */
	private User create(SignupRequest request, boolean superuser, Consumer<User> andThen) {
		FieldErrors errors = FieldErrors.of(this.validator.validate(request));
		checkUnique(errors, request.username(), request.email(), NO_ID);
		errors.throwIfAny();
		User user = new User(request.username(), request.email(), this.passwords.hash(request.password()));
		if (superuser) {
			// The operator who runs the command vouches for the address; otherwise the
			// first superuser could not sign in where verified addresses are required.
			user.makeSuperuser();
			user.markEmailVerified();
		}
		return translateDuplicates(() -> this.transactions.execute((status) -> {
			User created = this.users.saveAndFlush(user);
			andThen.accept(created);
			return created;
		}));
	}

	/**
	 * Whether {@code password} is the user's, as the confirmation of a change the user's
	 * token asks for: a guess like a signin's, counted and limited in the same way, so
	 * that a stolen token gives no more guesses at the password behind it.
	 */
	private boolean confirms(User user, String password, String client) {
		try (PasswordThrottle.Guess guess = this.throttle.take(client, UserKeys.guessedAccount(user.getId()))) {
			if (this.passwords.matches(password, user.getPasswordHash())) {
				guess.succeeded();
				return true;
			}
			guess.failed();
		}
		events.info("Password confirmation refused: user={} client={}", user.getId(), client);
		return false;
	}

	/**
	 * Changes the account {@code principal} was authenticated as. Passwords are checked
	 * and hashed first, outside any transaction; then the row is locked, the token
	 * checked against it once more, and the change made and the new token minted
	 * together, so that no token revoked meanwhile changes anything or yields a new
	 * token. A new address gets a link to verify it and the previous one a notice; a new
	 * password gets a notice.
	 */
	UserResponse update(TokenPrincipal principal, UpdateRequest request, Client from) {
		String client = from.address();
		User current = this.users.findById(principal.id())
			.orElseThrow(() -> new TokenNoLongerValidException(TokenFailure.USER_INACTIVE));
		FieldErrors errors = FieldErrors.of(this.validator.validate(request));
		checkUnique(errors, request.username(), request.email(), principal.id());
		if (request.password() != null) {
			if (request.currentPassword() == null) {
				errors.add("currentPassword", Messages.REQUIRED);
			}
			else if (!confirms(current, request.currentPassword(), client)) {
				errors.add("currentPassword", Messages.WRONG_CURRENT_PASSWORD);
			}
		}
		errors.throwIfAny();
		boolean addressChanges = request.email() != null
				&& !UserKeys.email(request.email()).equals(current.getEmailKey());
		boolean mailAddressChange = addressChanges && this.mails.mayMailAddressChange(current, request.email(), client);
		String newHash = (request.password() != null) ? this.passwords.hash(request.password()) : null;
		UserResponse updated = translateDuplicates(() -> this.transactions.execute((status) -> {
			User user = lockForChangeBy(principal);
			String previousAddress = user.getEmail();
			String previousEmailKey = user.getEmailKey();
			apply(user, request, newHash);
			User saved = this.users.saveAndFlush(user);
			if (!saved.getEmailKey().equals(previousEmailKey)) {
				this.mails.emailChanged(previousAddress, saved, mailAddressChange);
			}
			if (newHash != null) {
				this.mails.passwordChanged(saved);
			}
			// A new password ends every session: the client that set it begins a new one.
			if (newHash != null) {
				return this.sessions.begin(saved, from);
			}
			// With refresh tokens, only a refresh renews a token, within its session: a
			// change answers with the token it was made with.
			return this.sessions.enabled() ? new UserResponse(saved.getEmail(), saved.getUsername(), principal.token())
					: UserResponse.of(saved, this.tokens);
		}));
		if (newHash != null) {
			events.info("Password changed, earlier tokens revoked: user={}", principal.id());
		}
		return updated;
	}

	/**
	 * Signs the user out everywhere: every token issued so far stops working. Only a
	 * token that still stands does so.
	 */
	void signout(TokenPrincipal principal) {
		this.transactions.executeWithoutResult((status) -> lockForChangeBy(principal).revokeTokens());
		events.info("Signed out everywhere, earlier tokens revoked: user={}", principal.id());
	}

	/**
	 * Deletes the account once its password is confirmed; its tokens then name nobody.
	 */
	void delete(TokenPrincipal principal, DeleteAccountRequest request, String client) {
		FieldErrors errors = FieldErrors.of(this.validator.validate(request));
		errors.throwIfAny();
		User current = this.users.findById(principal.id())
			.orElseThrow(() -> new TokenNoLongerValidException(TokenFailure.USER_INACTIVE));
		if (!confirms(current, request.password(), client)) {
			errors.add("password", Messages.WRONG_PASSWORD).throwIfAny();
		}
		this.transactions.executeWithoutResult((status) -> deleteAccountOf(principal));
		events.info("Account deleted: user={}", principal.id());
	}

	/**
	 * Deletes the account {@code principal} was authenticated as, once its token is
	 * checked against the locked row, and remembers its id so that no import brings it
	 * back. The last active superuser stays.
	 * @throws UserValidationException when the account is the last active superuser
	 */
	private void deleteAccountOf(TokenPrincipal principal) {
		this.users.lockActiveSuperusers();
		User user = lockForChangeBy(principal);
		if (user.isSuperuser() && this.users.countActiveSuperusers() <= 1) {
			new FieldErrors().add(UserValidationException.NON_FIELD, Messages.LAST_SUPERUSER).throwIfAny();
		}
		this.users.recordDeletion(user.getId());
		this.users.delete(user);
	}

	/**
	 * Locks the row of the user {@code principal} was authenticated as, for a change its
	 * token authorises, and checks that the token still stands: a sign-out, password
	 * change, deactivation, deletion or end of the token's session committed since the
	 * request was authenticated refuses the change. The session's row is locked too, so
	 * that it cannot end before the change is committed. Runs inside the transaction that
	 * makes the change.
	 * @throws TokenNoLongerValidException when the user is gone or inactive, the token's
	 * version is no longer the user's, or its session has ended
	 */
	User lockForChangeBy(TokenPrincipal principal) {
		User user = this.users.findForUpdateById(principal.id())
			.filter(User::isActive)
			.orElseThrow(() -> new TokenNoLongerValidException(TokenFailure.USER_INACTIVE));
		if (user.getTokenVersion() != principal.tokenVersion()
				|| (principal.sessionId() != null && !this.sessions.lockLive(principal))) {
			throw new TokenNoLongerValidException(TokenFailure.REVOKED);
		}
		return user;
	}

	private static void apply(User user, UpdateRequest request, String newHash) {
		if (request.username() != null) {
			user.changeUsername(request.username());
		}
		if (request.email() != null) {
			user.changeEmail(request.email());
		}
		if (newHash != null) {
			user.changePasswordHash(newHash);
		}
	}

	private void checkUnique(FieldErrors errors, String username, String email, long exceptId) {
		if (username != null && !errors.has("username")
				&& this.users.existsByUsernameKeyAndIdNot(UserKeys.username(username), exceptId)) {
			errors.add("username", Messages.DUPLICATE_USERNAME);
		}
		if (email != null && !errors.has("email")
				&& this.users.existsByEmailKeyAndIdNot(UserKeys.email(email), exceptId)) {
			errors.add("email", Messages.DUPLICATE_EMAIL);
		}
	}

	/**
	 * Turns a unique constraint lost to a concurrent request into the same field error as
	 * a duplicate found beforehand.
	 */
	private static <T> T translateDuplicates(Supplier<T> write) {
		try {
			return write.get();
		}
		catch (DataIntegrityViolationException ex) {
			String detail = String.valueOf(ex.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT);
			if (detail.contains("uq_users_username_key")) {
				new FieldErrors().add("username", Messages.DUPLICATE_USERNAME).throwIfAny();
			}
			if (detail.contains("uq_users_email_key")) {
				new FieldErrors().add("email", Messages.DUPLICATE_EMAIL).throwIfAny();
			}
			throw ex;
		}
	}

}
