package dev.jwtauth.security;

import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes and checks passwords. A check against no hash, or against one that can never
 * match (unusable, malformed, of an unsupported kind, or costlier than the limits allow),
 * checks a decoy hash instead: the same work as an unknown user. Every check then takes
 * as long as the slowest kind of stored hash recently checked ({@link CheckPadding}), so
 * that its duration does not tell which kind of account, if any, is behind a name.
 * <p>
 * At most {@link PasswordHashingProperties#permits()} hashes run at once, and together
 * they work through at most {@link PasswordHashingProperties#maxMemory()}, each admitted
 * with the memory its hash names before it runs. A caller waits its turn in order of
 * arrival for up to {@link PasswordHashingProperties#maxWait()}, then gets a
 * {@link PasswordHashingBusyException}: under a flood of signins the hashes queue for a
 * bounded time, the rest of the service keeps its share of the processors, and the heap
 * is never asked for more than it has room for.
 */
public class PasswordHasher {

	private final PasswordEncoder encoder;

	private final Function<String, HashCost> costs;

	private final String decoyHash;

	private final HashCost decoyCost;

	private final Semaphore slots;

	private final Semaphore memory;

	private final int memoryKib;

	private final long maxWaitNanos;

	private final CheckPadding padding;

	private final Timer hashing;

	private final Timer verifying;

	private final Counter busy;

	/**
	 * @param encoder the encoder of every hash
	 * @param costs what a check against a stored hash costs, refused when it never
	 * matches
	 * @param limits how many hashes run at once, with how much memory
	 * @param padding how checks are made to take as long as each other
	 * @param metrics where hashing is timed and refusals counted
	 */
	PasswordHasher(PasswordEncoder encoder, Function<String, HashCost> costs, PasswordHashingProperties limits,
			CheckPadding padding, MeterRegistry metrics) {
		this.encoder = encoder;
		this.costs = costs;
		this.decoyHash = encoder.encode(UUID.randomUUID().toString());
		this.decoyCost = costs.apply(this.decoyHash);
		this.slots = new Semaphore(limits.permits(), true);
		this.memoryKib = limits.memoryKib();
		this.memory = new Semaphore(this.memoryKib, true);
		this.maxWaitNanos = limits.maxWait().toNanos();
		this.padding = padding;
		this.hashing = metrics.timer(AuthMetrics.PASSWORD_HASHING, "operation", "hash");
		this.verifying = metrics.timer(AuthMetrics.PASSWORD_HASHING, "operation", "verify");
		this.busy = metrics.counter(AuthMetrics.PASSWORD_HASHING_BUSY);
	}

	/**
	 * @throws PasswordHashingBusyException when no hashing slot frees up in time
	 */
	public String hash(String password) {
		return inSlot(this.decoyCost, this.hashing, () -> this.encoder.encode(password));
	}

	/**
	 * Whether {@code password} matches {@code hash}; {@code false} after the same work
	 * when there is no hash to check, or one that never matches.
	 * @throws PasswordHashingBusyException when no hashing slot frees up in time
	 */
	public boolean matches(String password, String hash) {
		HashCost cost = (hash != null) ? this.costs.apply(hash) : HashCost.refused(HashCost.UNUSABLE);
		String checked = cost.isCheckable() ? hash : this.decoyHash;
		HashCost admitted = cost.isCheckable() ? cost : this.decoyCost;
		long[] start = new long[1];
		boolean matches = inSlot(admitted, this.verifying, () -> {
			start[0] = this.padding.now();
			return this.encoder.matches(password, checked);
		});
		this.padding.pad(admitted.kind(), start[0]);
		return matches && cost.isCheckable();
	}

	/** The hashing slots, for tests to fill. */
	Semaphore slots() {
		return this.slots;
	}

	/** The memory of running hashes, in KiB, for tests to fill. */
	Semaphore memory() {
		return this.memory;
	}

	private <T> T inSlot(HashCost cost, Timer timer, Supplier<T> work) {
		// No check asks for more than there is: it then runs alone.
		int kib = (int) Math.min(cost.memoryKib(), this.memoryKib);
		long deadline = System.nanoTime() + this.maxWaitNanos;
		acquire(this.slots, 1, this.maxWaitNanos);
		try {
			acquire(this.memory, kib, deadline - System.nanoTime());
			try {
				return timer.record(work);
			}
			finally {
				this.memory.release(kib);
			}
		}
		finally {
			this.slots.release();
		}
	}

	private void acquire(Semaphore semaphore, int permits, long waitNanos) {
		try {
			if (semaphore.tryAcquire(permits, Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.busy.increment();
		throw new PasswordHashingBusyException();
	}

	/**
	 * Whether {@code hash}, which a password was just checked against, is of an older
	 * kind or weaker parameters than the service writes now, and should be replaced.
	 */
	public boolean isOutdated(String hash) {
		return this.encoder.upgradeEncoding(hash);
	}

}
