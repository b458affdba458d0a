package dev.jwtauth.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How many password hashes may run at once, with how much memory, how long a request
 * waits for its turn, and the most a stored hash of an older kind may cost. Hashing is
 * deliberately slow, uses a whole core and, with Argon2, megabytes of heap; bounding it
 * keeps a flood of signins from starving every other request or exhausting the heap.
 *
 * @param maxConcurrent hashes that run at once; zero or less for one per available
 * processor
 * @param maxWait how long a request waits for a free slot before it is refused with 503
 * @param maxMemory the memory all running hashes together may work through
 * @param maxLegacyMemory the most memory a check against one stored Argon2 hash may take;
 * a hash that needs more never matches
 * @param maxLegacyIterations the most iterations of a stored PBKDF2 hash
 * @param maxLegacyBcryptCost the highest cost of a stored bcrypt hash
 */
@ConfigurationProperties("auth.password.hashing")
public record PasswordHashingProperties(@DefaultValue("0") int maxConcurrent, @DefaultValue("1s") Duration maxWait,
		@DefaultValue("40MB") DataSize maxMemory, @DefaultValue("32MB") DataSize maxLegacyMemory,
		@DefaultValue("1200000") int maxLegacyIterations, @DefaultValue("12") int maxLegacyBcryptCost) {

	public PasswordHashingProperties {
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException(
					"auth.password.hashing.max-wait (PASSWORD_HASHING_MAX_WAIT) must not be negative");
		}
		if (maxLegacyMemory.compareTo(maxMemory) > 0) {
			throw new IllegalArgumentException("auth.password.hashing.max-legacy-memory "
					+ "(PASSWORD_HASHING_MAX_LEGACY_MEMORY) must not exceed auth.password.hashing.max-memory "
					+ "(PASSWORD_HASHING_MAX_MEMORY): a hash allowed alone would never be admitted");
		}
	}

	/**
	 * The default memory and legacy limits, with this many hashes at once waiting this
	 * long.
	 */
	static PasswordHashingProperties of(int maxConcurrent, Duration maxWait) {
		return new PasswordHashingProperties(maxConcurrent, maxWait, DataSize.ofMegabytes(40), DataSize.ofMegabytes(32),
				1_200_000, 12);
	}

	/** The concurrency limit in effect on this machine. */
	int permits() {
		return (this.maxConcurrent > 0) ? this.maxConcurrent : Runtime.getRuntime().availableProcessors();
	}

	/** The memory budget of running hashes, in KiB. */
	int memoryKib() {
		return Math.toIntExact(Math.max(1, this.maxMemory.toKilobytes()));
	}

	/** The most a check against an older or imported hash may cost. */
	public LegacyHashLimits legacyLimits() {
		return new LegacyHashLimits(this.maxLegacyMemory.toKilobytes(), this.maxLegacyIterations,
				this.maxLegacyBcryptCost);
	}

}
