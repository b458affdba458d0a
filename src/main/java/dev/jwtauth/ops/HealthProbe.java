package dev.jwtauth.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container health check that needs nothing but the JVM: exits 0 when the service on
 * this host answers its liveness probe, 1 otherwise. The port is {@code SERVER_PORT}, or
 * 8000.
 */
public final class HealthProbe {

	private HealthProbe() {
	}

	public static void main(String[] args) {
		String port = System.getenv().getOrDefault("SERVER_PORT", "8000");
		System.exit(isLive(port) ? 0 : 1);
	}

	static boolean isLive(String port) {
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"))
				.timeout(Duration.ofSeconds(3))
				.build();
			return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
