package dev.jwtauth.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many password hashes may run at once, and how long a request waits for its turn.
 * Hashing is deliberately slow and uses a whole core; bounding it keeps a flood of
 * signins from starving every other request.
 *
 * @param maxConcurrent hashes that run at once; zero or less for one per available
 * processor
 * @param maxWait how long a request waits for a free slot before it is refused with 503
 */
@ConfigurationProperties("auth.password.hashing")
public record PasswordHashingProperties(@DefaultValue("0") int maxConcurrent, @DefaultValue("1s") Duration maxWait) {

	public PasswordHashingProperties {
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException(
					"auth.password.hashing.max-wait (PASSWORD_HASHING_MAX_WAIT) " + "must not be negative");
		}
	}

	/** The concurrency limit in effect on this machine. */
	int permits() {
		return (this.maxConcurrent > 0) ? this.maxConcurrent : Runtime.getRuntime().availableProcessors();
	}

}
