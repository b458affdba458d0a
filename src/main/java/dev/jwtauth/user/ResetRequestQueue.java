package dev.jwtauth.user;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reset requests waiting for their account to be looked up, one at a time and in the
 * order they came. Looking up after the client has its answer makes the answer take the
 * same time whether or not the address has an account.
 */
final class ResetRequestQueue {

	private final ThreadPoolExecutor executor;

	ResetRequestQueue(ThreadPoolExecutor executor) {
		this.executor = executor;
	}

	/** Queues {@code work}; false when the queue is full and it was dropped. */
	boolean offer(Runnable work) {
		try {
			this.executor.execute(work);
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
