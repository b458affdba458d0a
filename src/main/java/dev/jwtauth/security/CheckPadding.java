package dev.jwtauth.security;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Makes every password check seem to take as long as the slowest kind of stored hash the
 * service has checked, so that its duration tells nothing of the account behind it:
 * imported or native, usable or not, or none at all.
 * <p>
 * A kind takes as long as the second-longest of its last {@value #SAMPLES} checks: one
 * check slowed by a cold start, a pause of the collector or a busy machine does not slow
 * every signin for long, and a kind's duration falls only as later checks of that kind
 * prove it faster. A kind is never forgotten (until restart), so the padding does not
 * fall when an attacker merely waits, as a maximum that decays with time would. The
 * padding is slept after the check has given back its processor and memory.
 */
final class CheckPadding {

	/** The checks of each kind that count. */
	private static final int SAMPLES = 8;

	/** Beyond this many kinds, the fastest is forgotten: it pads nothing anyway. */
	private static final int MAX_KINDS = 64;

	private final LongSupplier nanoClock;

	private final Sleeper sleeper;

	private final Map<String, Recent> kinds = new HashMap<>();

	/**
	 * @param nanoClock a monotonic clock, in nanoseconds
	 * @param sleeper how the padding is waited out
	 */
	CheckPadding(LongSupplier nanoClock, Sleeper sleeper) {
		this.nanoClock = nanoClock;
		this.sleeper = sleeper;
	}

	/** On the system's clock. */
	static CheckPadding system() {
		return new CheckPadding(System::nanoTime, TimeUnit.NANOSECONDS::sleep);
	}

	/** The time it is now, for measuring a check. */
	long now() {
		return this.nanoClock.getAsLong();
	}

	/**
	 * Records that a check of {@code kind} started at {@code start} and has just ended,
	 * then waits until it has taken as long as the slowest kind.
	 */
	void pad(String kind, long start) {
		long padding = record(kind, now() - start);
		if (padding <= 0) {
			return;
		}
		try {
			this.sleeper.sleep(padding);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** How much longer a check of {@code kind} that took {@code tookNanos} must seem. */
	synchronized long record(String kind, long tookNanos) {
		this.kinds.computeIfAbsent(kind, (key) -> new Recent()).add(tookNanos);
		if (this.kinds.size() > MAX_KINDS) {
			this.kinds.values()
				.remove(this.kinds.values().stream().min(Comparator.comparingLong(Recent::duration)).get());
		}
		long target = this.kinds.values().stream().mapToLong(Recent::duration).max().orElse(0);
		return target - tookNanos;
	}

	/** Waits, so that a test can replace waiting. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(long nanos) throws InterruptedException;

	}

	/** The last checks of one kind. */
	private static final class Recent {

		private final long[] durations = new long[SAMPLES];

		private int count;

		void add(long tookNanos) {
			this.durations[this.count % SAMPLES] = tookNanos;
			this.count++;
		}

		/** The second-longest, or the only one. */
		long duration() {
			long[] sorted = Arrays.copyOf(this.durations, Math.min(this.count, SAMPLES));
			Arrays.sort(sorted);
			return sorted[Math.max(0, sorted.length - 2)];
		}

	}

}
