package dev.jwtauth.user;

import java.util.Optional;

import jakarta.validation.Validator;

import dev.jwtauth.security.AuthMetrics;
import dev.jwtauth.security.PasswordHasher;
import dev.jwtauth.security.PasswordHashingBusyException;
import dev.jwtauth.throttle.PasswordThrottle;
import dev.jwtauth.throttle.PasswordThrottledException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Signs users in: finds the account, checks the password as a limited guess, counts the
 * outcome, and replaces an outdated hash of a password just proven right.
 */
@Service
class SigninService {

	/** Authentication events, for operators and alerting: never a password or token. */
	private static final Logger events = LoggerFactory.getLogger("dev.jwtauth.auth");

	private final UserRepository users;

	private final PasswordHasher passwords;

	private final PasswordThrottle throttle;

	private final Sessions sessions;

	private final Validator validator;

	private final boolean requireVerifiedEmail;

	private final MeterRegistry metrics;

	SigninService(UserRepository users, PasswordHasher passwords, PasswordThrottle throttle, Sessions sessions,
			Validator validator, RecoveryProperties recovery, ObjectProvider<MeterRegistry> metrics) {
		this.users = users;
		this.passwords = passwords;
		this.throttle = throttle;
		this.sessions = sessions;
		this.validator = validator;
		this.requireVerifiedEmail = recovery.requireVerifiedEmail();
		this.metrics = AuthMetrics.registry(metrics);
	}

	/**
	 * Signs in from {@code client}, the address the attempt comes from, which the
	 * password throttle holds back after too many wrong guesses.
	 */
	UserResponse signin(SigninRequest request, Client from) {
		String client = from.address();
		FieldErrors errors = FieldErrors.of(this.validator.validate(request));
		if (request.username() == null && request.email() == null) {
			errors.add(UserValidationException.NON_FIELD, Messages.MISSING_IDENTIFIER);
		}
		errors.throwIfAny();
		Optional<User> user = findForSignin(request);
		boolean signedIn;
		try (PasswordThrottle.Guess guess = this.throttle.take(client, guessedAccount(request, user))) {
			boolean matches = this.passwords.matches(request.password(), user.map(User::getPasswordHash).orElse(null));
			signedIn = matches && user.get().isActive();
			if (signedIn) {
				guess.succeeded();
			}
			else {
				guess.failed();
			}
		}
		catch (PasswordThrottledException ex) {
			countSignin("throttled");
			throw ex;
		}
		catch (PasswordHashingBusyException ex) {
			countSignin("busy");
			throw ex;
		}
		if (!signedIn) {
			events.info("Signin refused: client={}", client);
			countSignin("bad_credentials");
			throw new BadCredentialsException();
		}
		rehashIfOutdated(user.get(), request.password());
		if (this.requireVerifiedEmail && !user.get().isEmailVerified()) {
			events.info("Signin refused, email address not verified: user={} client={}", user.get().getId(), client);
			countSignin("unverified");
			new FieldErrors().add(UserValidationException.NON_FIELD, Messages.EMAIL_NOT_VERIFIED).throwIfAny();
		}
		events.info("Signin succeeded: user={} client={}", user.get().getId(), client);
		countSignin("success");
		return this.sessions.begin(user.get(), from);
	}

	/**
	 * The account a signin guesses at, for the throttle: an existing account by its id,
	 * however it was named, so that naming it by username and then by email gives no more
	 * guesses; an unknown one as typed.
	 */
	private static String guessedAccount(SigninRequest request, Optional<User> user) {
		if (user.isPresent()) {
			return UserKeys.guessedAccount(user.get().getId());
		}
		return (request.username() != null) ? "username:" + UserKeys.username(request.username())
				: "email:" + UserKeys.email(request.email());
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

}
