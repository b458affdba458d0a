package dev.jwtauth.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused signing secret or key into Boot's start-up failure report: what is
 * wrong and what to set, without a stack trace to dig through.
 */
class InvalidSigningSecretFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSigningSecretException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSigningSecretException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
