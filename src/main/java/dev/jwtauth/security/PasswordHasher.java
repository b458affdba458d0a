package dev.jwtauth.security;

import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes and checks passwords. A check against no hash still costs one full hash, so that
 * an unknown user takes as long to refuse as a wrong password.
 * <p>
 * At most {@link PasswordHashingProperties#permits()} hashes run at once. A caller waits
 * its turn in order of arrival for up to {@link PasswordHashingProperties#maxWait()},
 * then gets a {@link PasswordHashingBusyException}: under a flood of signins the hashes
 * queue for a bounded time and the rest of the service keeps its share of the processors.
 */
public class PasswordHasher {

	private final PasswordEncoder encoder;

	private final String decoyHash;

	private final Semaphore slots;

	private final long maxWaitNanos;

	private final Timer hashing;

	private final Timer verifying;

	private final Counter busy;

	PasswordHasher(PasswordEncoder encoder, PasswordHashingProperties limits, MeterRegistry metrics) {
		this.encoder = encoder;
		this.decoyHash = encoder.encode(UUID.randomUUID().toString());
		this.slots = new Semaphore(limits.permits(), true);
		this.maxWaitNanos = limits.maxWait().toNanos();
		this.hashing = metrics.timer(AuthMetrics.PASSWORD_HASHING, "operation", "hash");
		this.verifying = metrics.timer(AuthMetrics.PASSWORD_HASHING, "operation", "verify");
		this.busy = metrics.counter(AuthMetrics.PASSWORD_HASHING_BUSY);
	}

	/**
	 * @throws PasswordHashingBusyException when no hashing slot frees up in time
	 */
	public String hash(String password) {
		return inSlot(this.hashing, () -> this.encoder.encode(password));
	}

	/**
	 * Whether {@code password} matches {@code hash}; {@code false} after the same work
	 * when there is no hash to check.
	 * @throws PasswordHashingBusyException when no hashing slot frees up in time
	 */
	public boolean matches(String password, String hash) {
		String checked = (hash != null) ? hash : this.decoyHash;
		boolean matches = inSlot(this.verifying, () -> this.encoder.matches(password, checked));
		return matches && hash != null;
	}

	/** The hashing slots, for tests to fill. */
	Semaphore slots() {
		return this.slots;
	}

	private <T> T inSlot(Timer timer, Supplier<T> work) {
		acquireSlot();
		try {
			return timer.record(work);
		}
		finally {
			this.slots.release();
		}
	}

	private void acquireSlot() {
		try {
			if (this.slots.tryAcquire(this.maxWaitNanos, TimeUnit.NANOSECONDS)) {
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
