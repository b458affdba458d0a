package dev.jwtauth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Requests sent at once, from as many threads, as racing clients send them.
 */
public final class Concurrently {

	private Concurrently() {
	}

	/** Sends the requests at once and waits for every answer, in the requests' order. */
	public static <T> List<T> all(List<Callable<T>> requests) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(requests.size());
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> request : requests) {
				futures.add(executor.submit(() -> {
					start.await();
					return request.call();
				}));
			}
			start.countDown();
			List<T> answers = new ArrayList<>();
			for (Future<T> future : futures) {
				answers.add(future.get(60, TimeUnit.SECONDS));
			}
			return answers;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/** Sends {@code count} copies of one request at once and waits for every answer. */
	public static <T> List<T> times(int count, Callable<T> request) throws Exception {
		return all(Collections.nCopies(count, request));
	}

}
