package dev.jwtauth.security;

/**
 * The most a check against an older or imported hash may cost. A stored hash beyond them
 * never matches, like an unusable one, so that no stored hash can take more memory than
 * the heap has room for or more of a processor than a few of the service's own checks.
 *
 * @param maxMemoryKib the most memory, in KiB, one Argon2 check may work through
 * @param maxIterations the most PBKDF2 iterations
 * @param maxBcryptCost the highest bcrypt cost (log2 of its rounds)
 */
public record LegacyHashLimits(long maxMemoryKib, int maxIterations, int maxBcryptCost) {

	/**
	 * The most passes an Argon2 hash may make over its memory: five times Django's two,
	 * twice the service's own five.
	 */
	public static final int MAX_ARGON2_PASSES = 10;

	/** The cost of an Argon2 check of this kind, or its refusal beyond the limits. */
	public HashCost argon2(String kind, long memoryKib, int passes) {
		if (memoryKib > this.maxMemoryKib) {
			return HashCost.refused("its Argon2 hash needs " + size(memoryKib) + " of memory per check, more than "
					+ "PASSWORD_HASHING_MAX_LEGACY_MEMORY (" + size(this.maxMemoryKib) + ")");
		}
		if (passes > MAX_ARGON2_PASSES) {
			return HashCost.refused(
					"its Argon2 hash makes " + passes + " passes, more than the " + MAX_ARGON2_PASSES + " allowed");
		}
		return HashCost.of(kind, memoryKib);
	}

	/** The cost of a PBKDF2 check of this kind, or its refusal beyond the limits. */
	public HashCost pbkdf2(String kind, int iterations) {
		if (iterations > this.maxIterations) {
			return HashCost.refused("its PBKDF2 hash has " + iterations + " iterations, more than "
					+ "PASSWORD_HASHING_MAX_LEGACY_ITERATIONS (" + this.maxIterations + ")");
		}
		return HashCost.of(kind, 0);
	}

	/** The cost of a bcrypt check of this kind, or its refusal beyond the limits. */
	public HashCost bcrypt(String kind, int cost) {
		if (cost > this.maxBcryptCost) {
			return HashCost.refused("its bcrypt hash has cost " + cost + ", more than "
					+ "PASSWORD_HASHING_MAX_LEGACY_BCRYPT_COST (" + this.maxBcryptCost + ")");
		}
		return HashCost.of(kind, 0);
	}

	private static String size(long kib) {
		return (kib % 1024 == 0) ? (kib / 1024) + " MiB" : kib + " KiB";
	}

}
