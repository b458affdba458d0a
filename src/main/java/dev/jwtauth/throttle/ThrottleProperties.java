package dev.jwtauth.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many wrong password guesses a client may make before it must wait.
 *
 * @param perAccount for one account from one client address, however the account is named
 * (username or email)
 * @param perClient for one client address across all accounts
 * @param maxWait how long a check waits for its turn while the client's other checks of
 * the same account are under way, before it is refused with 503
 */
@ConfigurationProperties("auth.throttle")
public record ThrottleProperties(Limit perAccount, Limit perClient, @DefaultValue("2s") Duration maxWait) {

	public ThrottleProperties {
		if (perAccount == null || perClient == null) {
			throw new IllegalArgumentException("auth.throttle needs both per-account and per-client limits");
		}
		if (maxWait == null || maxWait.isNegative()) {
			throw new IllegalArgumentException("auth.throttle.max-wait (THROTTLE_MAX_WAIT) must not be negative");
		}
	}

	/**
	 * @param maxFailures failures allowed within a window; the next attempt is refused
	 * until the window ends
	 * @param window how long failures count, from the first attempt
	 */
	public record Limit(int maxFailures, Duration window) {

		public Limit {
			if (maxFailures < 1 || window == null || window.isNegative() || window.isZero()) {
				throw new IllegalArgumentException("A signin limit needs at least 1 failure and a positive window");
			}
		}

	}

}
