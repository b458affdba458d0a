package dev.jwtauth.user;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Validator;

import dev.jwtauth.security.AuthMetrics;
import dev.jwtauth.security.OneTimeSecrets;
import dev.jwtauth.security.PasswordHasher;
import dev.jwtauth.throttle.MailRequestLimit;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Resets forgotten passwords through a link mailed to the account's address.
 */
@Service
class PasswordResets {

	static final String REQUESTED = "If an account has this address, a link to reset its password is on its way.";

	private static final Logger events = LoggerFactory.getLogger("dev.jwtauth.auth");

	private final UserRepository users;

	private final PasswordHasher passwords;

	private final Sessions sessions;

	private final Validator validator;

	private final TransactionOperations transactions;

	private final OneTimeSecrets secrets;

	private final AccountMails mails;

	private final MailRequestLimit limit;

	private final ResetRequestQueue queue;

	private final MeterRegistry metrics;

	PasswordResets(UserRepository users, PasswordHasher passwords, Sessions sessions, Validator validator,
			TransactionOperations transactions, OneTimeSecrets secrets, AccountMails mails, MailRequestLimit limit,
			ResetRequestQueue queue, ObjectProvider<MeterRegistry> metrics) {
		this.users = users;
		this.passwords = passwords;
		this.sessions = sessions;
		this.validator = validator;
		this.transactions = transactions;
		this.secrets = secrets;
		this.mails = mails;
		this.limit = limit;
		this.queue = queue;
		this.metrics = AuthMetrics.registry(metrics);
	}

	/**
	 * Asks for a reset link. The answer is the same, and comes as fast, whether or not
	 * the address has an account: the account is looked up after the answer, and the
	 * limits count unknown addresses as they count known ones.
	 */
	Notice request(PasswordResetRequest request, String client) {
		FieldErrors.of(this.validator.validate(request)).throwIfAny();
		this.mails.requireEnabled();
		String emailKey = UserKeys.email(request.email());
		this.limit.take(client, AccountMails.resetRecipient(emailKey));
		events.info("Password reset requested: client={}", client);
		if (!this.queue.offer(() -> mailLink(emailKey))) {
			events.warn("Password reset request dropped, too many waiting: client={}", client);
			count("dropped");
		}
		return new Notice(REQUESTED);
	}

	private void mailLink(String emailKey) {
		try {
			this.transactions.executeWithoutResult(
					(status) -> this.users.findByEmailKey(emailKey).filter(User::isActive).ifPresent((user) -> {
						this.mails.passwordReset(user);
						events.info("Password reset link mailed: user={}", user.getId());
					}));
		}
		catch (RuntimeException ex) {
			events.warn("Password reset link not mailed: {}", ex.toString());
			count("failed");
		}
	}

	/**
	 * Sets the new password with a reset link's secret, which it uses up: earlier tokens
	 * stop working, the user gets a new one, and a notice goes to the address. Since the
	 * link reached the account's address, that address counts as verified.
	 */
	UserResponse confirm(PasswordResetConfirmation confirmation, Client from) {
		String client = from.address();
		FieldErrors.of(this.validator.validate(confirmation)).throwIfAny();
		if (!this.secrets.isUsable(confirmation.token(), AccountMails.PASSWORD_RESET)) {
			throw refused(client);
		}
		String newHash = this.passwords.hash(confirmation.password());
		Optional<UserResponse> reset = this.transactions
			.execute((status) -> this.secrets.use(confirmation.token(), AccountMails.PASSWORD_RESET)
				.flatMap((use) -> this.users.findForUpdateById(use.userId())
					.filter(User::isActive)
					.filter((user) -> use.stillBoundTo(AccountMails.resetBinding(user))))
				.map((user) -> {
					user.changePasswordHash(newHash);
					user.markEmailVerified();
					this.secrets.voidAll(user.getId(), AccountMails.PASSWORD_RESET);
					this.mails.passwordChanged(user);
					return this.sessions.begin(this.users.saveAndFlush(user), from);
				}));
		if (reset.isEmpty()) {
			throw refused(client);
		}
		events.info("Password reset, earlier tokens revoked: client={}", client);
		count("confirmed");
		return reset.get();
	}

	private UserValidationException refused(String client) {
		events.info("Password reset refused: client={}", client);
		count("refused");
		return new UserValidationException(Map.of("token", List.of(Messages.INVALID_RESET_LINK)));
	}

	private void count(String outcome) {
		this.metrics.counter(AuthMetrics.PASSWORD_RESETS, "outcome", outcome).increment();
	}

}
