package dev.jwtauth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How long kinds of request take, for tests that an answer's timing tells nothing. The
 * kinds take turns in a shuffled order, so that a busy machine slows them alike, and
 * medians ignore the odd slow request.
 */
public final class Timings {

	private Timings() {
	}

	/**
	 * The median milliseconds of each kind of request, over {@code rounds} rounds after
	 * {@code warmUpRounds} that are not counted.
	 */
	public static Map<String, Double> medianMillis(Map<String, Runnable> requests, int warmUpRounds, int rounds) {
		return medianMillis(requests, () -> {
		}, warmUpRounds, rounds);
	}

	/**
	 * The median milliseconds of each kind of request, as
	 * {@link #medianMillis(Map, int, int)}, with {@code settle} run untimed after each
	 * request: it waits for work the service does after answering, which would otherwise
	 * slow the request that follows.
	 */
	public static Map<String, Double> medianMillis(Map<String, Runnable> requests, Runnable settle, int warmUpRounds,
			int rounds) {
		Map<String, List<Long>> durations = new LinkedHashMap<>();
		requests.keySet().forEach((name) -> durations.put(name, new ArrayList<>()));
		Random random = new Random(42);
		for (int round = 0; round < warmUpRounds + rounds; round++) {
			List<String> order = new ArrayList<>(requests.keySet());
			Collections.shuffle(order, random);
			for (String name : order) {
				long start = System.nanoTime();
				requests.get(name).run();
				long taken = System.nanoTime() - start;
				settle.run();
				if (round >= warmUpRounds) {
					durations.get(name).add(taken);
				}
			}
		}
		Map<String, Double> medians = new LinkedHashMap<>();
		durations.forEach((name, taken) -> medians.put(name, median(taken) / 1e6));
		return medians;
	}

	private static double median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
	}

}
