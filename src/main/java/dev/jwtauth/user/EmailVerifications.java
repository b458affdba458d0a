package dev.jwtauth.user;

import java.util.List;
import java.util.Map;

import jakarta.validation.Validator;

import dev.jwtauth.security.AuthMetrics;
import dev.jwtauth.security.OneTimeSecrets;
import dev.jwtauth.security.TokenFailure;
import dev.jwtauth.security.TokenPrincipal;
import dev.jwtauth.throttle.MailRequestLimit;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Confirms that an account's email address is its user's, through a link mailed there.
 */
@Service
class EmailVerifications {

	static final String SENT = "A link to verify your email address is on its way.";

	private static final Logger events = LoggerFactory.getLogger("dev.jwtauth.auth");

	private final UserRepository users;

	private final UserService service;

	private final Validator validator;

	private final TransactionOperations transactions;

	private final OneTimeSecrets secrets;

	private final AccountMails mails;

	private final MailRequestLimit limit;

	private final MeterRegistry metrics;

	EmailVerifications(UserRepository users, UserService service, Validator validator,
			TransactionOperations transactions, OneTimeSecrets secrets, AccountMails mails, MailRequestLimit limit,
			ObjectProvider<MeterRegistry> metrics) {
		this.users = users;
		this.service = service;
		this.validator = validator;
		this.transactions = transactions;
		this.secrets = secrets;
		this.mails = mails;
		this.limit = limit;
		this.metrics = AuthMetrics.registry(metrics);
	}

	/**
	 * Mails the account {@code principal} was authenticated as a new verification link,
	 * voiding earlier ones.
	 */
	Notice resend(TokenPrincipal principal, String client) {
		this.mails.requireEnabled();
		User current = this.users.findById(principal.id())
			.orElseThrow(() -> new TokenNoLongerValidException(TokenFailure.USER_INACTIVE));
		if (current.isEmailVerified()) {
			throw alreadyVerified();
		}
		this.limit.take(client, AccountMails.verificationRecipient(current.getEmailKey()));
		this.transactions.executeWithoutResult((status) -> {
			User user = this.service.lockForChangeBy(principal);
			if (user.isEmailVerified()) {
				throw alreadyVerified();
			}
			this.mails.emailVerification(user);
		});
		events.info("Email verification link mailed: user={}", principal.id());
		return new Notice(SENT);
	}

	/**
	 * Marks the address a verification link was sent to as verified, using the link's
	 * secret up; a link sent to an address the account no longer has verifies nothing.
	 */
	VerifiedEmail confirm(EmailVerificationConfirmation confirmation, String client) {
		FieldErrors.of(this.validator.validate(confirmation)).throwIfAny();
		VerifiedEmail verified = this.transactions
			.execute((status) -> this.secrets.use(confirmation.token(), AccountMails.EMAIL_VERIFICATION)
				.flatMap((use) -> this.users.findForUpdateById(use.userId())
					.filter(User::isActive)
					.filter((user) -> use.stillBoundTo(AccountMails.verificationBinding(user))))
				.map((user) -> {
					user.markEmailVerified();
					return VerifiedEmail.of(this.users.saveAndFlush(user));
				})
				.orElse(null));
		if (verified == null) {
			events.info("Email verification refused: client={}", client);
			count("refused");
			throw new UserValidationException(Map.of("token", List.of(Messages.INVALID_VERIFICATION_LINK)));
		}
		events.info("Email address verified: client={}", client);
		count("confirmed");
		return verified;
	}

	private static UserValidationException alreadyVerified() {
		return new UserValidationException(Map.of("email", List.of(Messages.ALREADY_VERIFIED)));
	}

	private void count(String outcome) {
		this.metrics.counter(AuthMetrics.EMAIL_VERIFICATIONS, "outcome", outcome).increment();
	}

}
