package dev.jwtauth.user;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.validation.Validator;

import dev.jwtauth.security.AuthMetrics;
import dev.jwtauth.security.PasswordHasher;
import dev.jwtauth.security.PasswordHashingBusyException;
import dev.jwtauth.security.TokenFailure;
import dev.jwtauth.security.TokenPrincipal;
import dev.jwtauth.security.TokenService;
import dev.jwtauth.throttle.SigninThrottle;
import dev.jwtauth.throttle.SigninThrottledException;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Signs users up and in and changes their accounts. Password hashing, deliberately slow,
 * runs outside any transaction so that it holds no database connection.
 */
@Service
class UserService {

	private static final long NO_ID = 0;

	/** Authentication events, for operators and alerting: never a password or token. */
	private static final Logger events = LoggerFactory.getLogger("dev.jwtauth.auth");

	private final UserRepository users;

	private final PasswordHasher passwords;

	private final TokenService tokens;

	private final Validator validator;

	private final TransactionOperations transactions;

	private final SigninThrottle throttle;

	private final MeterRegistry metrics;

	UserService(UserRepository users, PasswordHasher passwords, TokenService tokens, Validator validator,
			TransactionOperations transactions, SigninThrottle throttle, ObjectProvider<MeterRegistry> metrics) {
		this.users = users;
		this.passwords = passwords;
		this.tokens = tokens;
		this.validator = validator;
		this.transactions = transactions;
		this.throttle = throttle;
		this.metrics = AuthMetrics.registry(metrics);
	}

	UserResponse signup(SignupRequest request) {
		User user = create(request, false);
		this.metrics.counter(AuthMetrics.SIGNUPS).increment();
		return responseFor(user);
	}

	/**
	 * Creates an account under the signup rules; a superuser is also staff.
	 */
	User create(SignupRequest request, boolean superuser) {
		FieldErrors errors = FieldErrors.of(this.validator.validate(request));
		checkUnique(errors, request.username(), request.email(), NO_ID);
		errors.throwIfAny();
		User user = new User(request.username(), request.email(), this.passwords.hash(request.password()));
		if (superuser) {
			user.makeSuperuser();
		}
		return translateDuplicates(() -> this.users.saveAndFlush(user));
	}

	/**
	 * Signs in from {@code client}, the address the attempt comes from, which the signin
	 * throttle holds back after too many failures.
	 */
	UserResponse signin(SigninRequest request, String client) {
		FieldErrors errors = FieldErrors.of(this.validator.validate(request));
		if (request.username() == null && request.email() == null) {
			errors.add(UserValidationException.NON_FIELD, Messages.MISSING_IDENTIFIER);
		}
		errors.throwIfAny();
		String account = (request.username() != null) ? "username:" + UserKeys.username(request.username())
				: "email:" + UserKeys.email(request.email());
		try {
			this.throttle.attempt(client, account);
		}
		catch (SigninThrottledException ex) {
			countSignin("throttled");
			throw ex;
		}
		Optional<User> user = findForSignin(request);
		boolean matches;
		try {
			matches = this.passwords.matches(request.password(), user.map(User::getPasswordHash).orElse(null));
		}
		catch (PasswordHashingBusyException ex) {
			// Refused unchecked: the attempt does not count against the client.
			this.throttle.withdraw(client, account);
			countSignin("busy");
			throw ex;
		}
		if (!matches || !user.get().isActive()) {
			events.info("Signin refused: client={}", client);
			countSignin("bad_credentials");
			throw new BadCredentialsException();
		}
		this.throttle.succeeded(client, account);
		rehashIfOutdated(user.get(), request.password());
		events.info("Signin succeeded: user={} client={}", user.get().getId(), client);
		countSignin("success");
		return responseFor(user.get());
	}

	/**
	 * Hashes a password kept in an older kind of hash, imported say, with the current
	 * algorithm now that it is known to be right. While hashing is at capacity that waits
	 * for a later signin: this one has succeeded.
	 */
	private void rehashIfOutdated(User user, String password) {
		if (this.passwords.isOutdated(user.getPasswordHash())) {
			try {
				this.users.rehashPassword(user.getId(), user.getPasswordHash(), this.passwords.hash(password));
			}
			catch (PasswordHashingBusyException ex) {
				events.info("Password hash upgrade postponed, hashing at capacity: user={}", user.getId());
			}
		}
	}

	private void countSignin(String outcome) {
		this.metrics.counter(AuthMetrics.SIGNINS, "outcome", outcome).increment();
	}

	private Optional<User> findForSignin(SigninRequest request) {
		return (request.username() != null) ? this.users.findByUsernameKey(UserKeys.username(request.username()))
				: this.users.findByEmailKey(UserKeys.email(request.email()));
	}

	/**
	 * Changes the account {@code principal} was authenticated as. Passwords are checked
	 * and hashed first, outside any transaction; then the row is locked, the token
	 * checked against it once more, and the change made and the new token minted
	 * together, so that no token revoked meanwhile changes anything or yields a new
	 * token.
	 */
	UserResponse update(TokenPrincipal principal, UpdateRequest request) {
		User current = this.users.findById(principal.id())
			.orElseThrow(() -> new TokenNoLongerValidException(TokenFailure.USER_INACTIVE));
		FieldErrors errors = FieldErrors.of(this.validator.validate(request));
		checkUnique(errors, request.username(), request.email(), principal.id());
		if (request.password() != null) {
			if (request.currentPassword() == null) {
				errors.add("currentPassword", Messages.REQUIRED);
			}
			else if (!this.passwords.matches(request.currentPassword(), current.getPasswordHash())) {
				errors.add("currentPassword", Messages.WRONG_CURRENT_PASSWORD);
			}
		}
		errors.throwIfAny();
		String newHash = (request.password() != null) ? this.passwords.hash(request.password()) : null;
		UserResponse updated = translateDuplicates(() -> this.transactions.execute((status) -> {
			User user = this.users.lockForChangeBy(principal);
			apply(user, request, newHash);
			return responseFor(this.users.saveAndFlush(user));
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
		this.transactions.executeWithoutResult((status) -> this.users.lockForChangeBy(principal).revokeTokens());
		events.info("Signed out everywhere, earlier tokens revoked: user={}", principal.id());
	}

	/**
	 * Deletes the account once its password is confirmed; its tokens then name nobody.
	 */
	void delete(TokenPrincipal principal, DeleteAccountRequest request) {
		FieldErrors errors = FieldErrors.of(this.validator.validate(request));
		errors.throwIfAny();
		User current = this.users.findById(principal.id())
			.orElseThrow(() -> new TokenNoLongerValidException(TokenFailure.USER_INACTIVE));
		if (!this.passwords.matches(request.password(), current.getPasswordHash())) {
			errors.add("password", Messages.WRONG_PASSWORD).throwIfAny();
		}
		this.transactions.executeWithoutResult((status) -> this.users.deleteAccountOf(principal));
		events.info("Account deleted: user={}", principal.id());
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

	private UserResponse responseFor(User user) {
		return new UserResponse(user.getEmail(), user.getUsername(),
				this.tokens.issue(user.getId(), user.getTokenVersion()));
	}

}
