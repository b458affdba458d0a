package dev.jwtauth.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many failed signins a client may make before it must wait.
 *
 * @param perAccount for one account (as typed: a username or an email) from one client
 * address
 * @param perClient for one client address across all accounts
 */
@ConfigurationProperties("auth.throttle")
public record ThrottleProperties(Limit perAccount, Limit perClient) {

	public ThrottleProperties {
		if (perAccount == null || perClient == null) {
			throw new IllegalArgumentException("auth.throttle needs both per-account and per-client limits");
		}
	}

	/**
	 * @param maxFailures failures allowed within a window; the next attempt is refused
	 * until the window ends
	 * @param window how long failures count, from the first one
	 */
	public record Limit(int maxFailures, Duration window) {

		public Limit {
			if (maxFailures < 1 || window == null || window.isNegative() || window.isZero()) {
				throw new IllegalArgumentException("A signin limit needs at least 1 failure and a positive window");
			}
		}

	}

}
