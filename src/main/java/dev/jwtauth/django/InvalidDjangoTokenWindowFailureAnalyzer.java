package dev.jwtauth.django;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused migration window into Boot's start-up failure report.
 */
class InvalidDjangoTokenWindowFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDjangoTokenWindowException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidDjangoTokenWindowException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"To accept the original Django service's tokens for a while, set both DJANGO_SECRET_KEY (its "
						+ "SECRET_KEY) and DJANGO_TOKENS_UNTIL (an instant such as 2027-01-31T00:00:00Z); "
						+ "otherwise set neither.",
				cause);
	}

}
