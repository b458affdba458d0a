package dev.jwtauth.security;

/**
 * What checking a password against one stored hash takes, known before the check runs, or
 * why the hash is never checked at all.
 *
 * @param kind the algorithm and the parameters that decide how long a check takes (never
 * the salt or the hash itself); checks of one kind take about as long as each other
 * @param memoryKib the memory a check works through, in KiB
 * @param refusal why the hash can never match, or {@code null} when it is checked
 */
public record HashCost(String kind, long memoryKib, String refusal) {

	/** The refusal of a hash that no password can match by design or by kind. */
	public static final String UNUSABLE = "unusable or of an unsupported kind";

	/** A hash that is checked: this kind, holding this much memory. */
	public static HashCost of(String kind, long memoryKib) {
		return new HashCost(kind, memoryKib, null);
	}

	/** A hash that never matches, for this reason. */
	public static HashCost refused(String refusal) {
		return new HashCost(null, 0, refusal);
	}

	/** Whether a password is checked against the hash at all. */
	public boolean isCheckable() {
		return this.refusal == null;
	}

}
