package dev.jwtauth.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A container health check that needs nothing but the JVM: exits 0 when the service on
 * this host answers its liveness probe, 1 otherwise. The port is
 * {@code MANAGEMENT_SERVER_PORT}, else {@code SERVER_PORT}, else 8000; Actuator's paths
 * begin with {@code MANAGEMENT_ENDPOINTS_WEB_BASE_PATH}, else {@code /actuator}.
 */
public final class HealthProbe {

	private HealthProbe() {
	}

	public static void main(String[] args) {
		Map<String, String> environment = System.getenv();
		String port = environment.getOrDefault("MANAGEMENT_SERVER_PORT",
				environment.getOrDefault("SERVER_PORT", "8000"));
		String basePath = environment.getOrDefault("MANAGEMENT_ENDPOINTS_WEB_BASE_PATH", "/actuator");
		System.exit(isLive(port, basePath) ? 0 : 1);
	}

	static boolean isLive(String port, String basePath) {
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			String base = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + base + "/health/liveness"))
				.timeout(Duration.ofSeconds(3))
				.build();
			return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
