package dev.jwtauth.user;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reset requests waiting for their account to be looked up, one at a time and in the
 * order they came. Looking up after the client has its answer makes the answer take the
 * same time whether or not the address has an account: each look-up waits until
 * {@link #AFTER_THE_ANSWER} after its request was queued, so that the work for an account
 * (a secret, a mail) does not share the processors with the writing of its own answer.
 * Queued look-ups that are already due run back to back.
 */
final class ResetRequestQueue {

	/** How long after its request a look-up starts at the earliest. */
	static final Duration AFTER_THE_ANSWER = Duration.ofMillis(100);

	private final ThreadPoolExecutor executor;

	ResetRequestQueue(ThreadPoolExecutor executor) {
		this.executor = executor;
	}

	/** Queues {@code work}; false when the queue is full and it was dropped. */
	boolean offer(Runnable work) {
		long due = System.nanoTime() + AFTER_THE_ANSWER.toNanos();
		try {
			this.executor.execute(() -> {
				for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
					LockSupport.parkNanos(wait);
				}
				work.run();
			});
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	/** Finishes what is queued, for a few seconds at most. */
	void shutdown() throws InterruptedException {
		this.executor.shutdown();
		this.executor.awaitTermination(5, TimeUnit.SECONDS);
	}

}
