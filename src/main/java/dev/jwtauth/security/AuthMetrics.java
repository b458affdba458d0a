package dev.jwtauth.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The names of the service's own meters, and the registry to record them in.
 */
public final class AuthMetrics {

	/** Signups that created an account. */
	public static final String SIGNUPS = "auth.signups";

	/**
	 * Signins, tagged {@code outcome}: {@code success}, {@code bad_credentials},
	 * {@code throttled}, {@code busy} (refused unchecked while hashing was at capacity),
	 * {@code unverified} (a right password for an account whose address must be verified
	 * first).
	 */
	public static final String SIGNINS = "auth.signins";

	/**
	 * Presented tokens that were refused, tagged {@code reason}: {@code missing},
	 * {@code malformed}, {@code bad_signature}, {@code expired}, {@code revoked},
	 * {@code user_inactive}.
	 */
	public static final String TOKEN_REJECTIONS = "auth.token.rejections";

	/**
	 * Password hashing and checking, tagged {@code operation}: {@code hash},
	 * {@code verify}.
	 */
	public static final String PASSWORD_HASHING = "auth.password.hashing";

	/**
	 * Requests refused because every password-hashing slot stayed busy for as long as a
	 * request may wait.
	 */
	public static final String PASSWORD_HASHING_BUSY = "auth.password.hashing.busy";

	/**
	 * Password reset outcomes, tagged {@code outcome}: {@code confirmed}, {@code refused}
	 * (a bad, used or expired link), {@code dropped} (a request not looked up, with too
	 * many waiting), {@code failed} (a lookup that failed).
	 */
	public static final String PASSWORD_RESETS = "auth.password.resets";

	/**
	 * Email verification outcomes, tagged {@code outcome}: {@code confirmed},
	 * {@code refused}.
	 */
	public static final String EMAIL_VERIFICATIONS = "auth.email.verifications";

	/**
	 * Refresh token uses, tagged {@code outcome}: {@code success}, {@code unknown} (no
	 * such token), {@code reuse} (a token used before: its session was ended),
	 * {@code expired} (its session outlived its lifetime or idle lifetime), {@code ended}
	 * (its session was ended, or its user signed out, changed password or was
	 * deactivated).
	 */
	public static final String REFRESHES = "auth.token.refreshes";

	private AuthMetrics() {
	}

	/** The application's registry, or one of its own where none is configured. */
	public static MeterRegistry registry(ObjectProvider<MeterRegistry> registries) {
		return registries.getIfAvailable(SimpleMeterRegistry::new);
	}

}
