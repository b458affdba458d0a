package dev.jwtauth.mail;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or invalid sender address into Boot's start-up failure report: what is
 * wrong and what to set.
 */
class InvalidMailFromFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMailFromException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidMailFromException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set MAIL_FROM to the address the service's mail comes from, one the SMTP server may send as: "
						+ "MAIL_FROM=\"Example <no-reply@example.com>\". Or unset SPRING_MAIL_HOST to send no mail.",
				cause);
	}

}
