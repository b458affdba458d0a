package dev.jwtauth;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service while its PostgreSQL server is stopped and after it returns: refusals in
 * the envelope within seconds, readiness down, then recovery without a restart.
 */
@Tag("slow")
class DatabaseOutageTests {

	/** Longer than any answer may take: a request still waiting then hangs. */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@TempDir
	Path dataDirectory;

	private EmbeddedPostgres postgres;

	private ConfigurableApplicationContext application;

	@AfterEach
	void stop() throws IOException {
		if (this.application != null) {
			this.application.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void databaseStoppedThen503AndNotReadyThenRecoversByItselfWithEveryUser() throws Exception {
		int databasePort = freePort();
		this.postgres = startPostgres(databasePort);
		this.application = startApplication(databasePort);
		List<String> users = List.of("amy", "ben", "cal");
		String token = null;
		for (String user : users) {
			HttpResponse<String> signup = post("/users/signup/",
					"{\"user\":{\"username\":\"%s\",\"email\":\"%s@example.com\",\"password\":\"12345678\"}}"
						.formatted(user, user),
					null);
			assertThat(signup.statusCode()).isEqualTo(201);
			token = JsonPath.read(signup.body(), "$.user.token");
		}

		this.postgres.close();

		assertUnavailable(post("/users/signin/", "{\"user\":{\"username\":\"amy\",\"password\":\"12345678\"}}", null));
		assertUnavailable(post("/users/signup/",
				"{\"user\":{\"username\":\"dan\",\"email\":\"dan@example.com\",\"password\":\"12345678\"}}", null));
		assertUnavailable(get("/users/current/", token));
		assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(503);
		assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);

		this.postgres = startPostgres(databasePort);

		awaitSignin("amy");
		for (String user : users) {
			assertThat(post("/users/signin/",
					"{\"user\":{\"username\":\"%s\",\"password\":\"12345678\"}}".formatted(user), null)
				.statusCode()).isEqualTo(200);
		}
		assertThat(get("/users/current/", token).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
	}

	private static void assertUnavailable(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		assertThat(response.body())
			.isEqualTo("{\"user\":{\"errors\":{\"error\":[\"Service temporarily unavailable; try again later.\"]}}}");
	}

	/** Signs in until the database is back: 503 meanwhile, never anything else. */
	private void awaitSignin(String user) {
		await("signin after the database returned").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> post("/users/signin/",
					"{\"user\":{\"username\":\"%s\",\"password\":\"12345678\"}}".formatted(user), null)
				.statusCode(), (status) -> {
					assertThat(status).isIn(200, 503);
					return status == 200;
				});
	}

	private EmbeddedPostgres startPostgres(int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.setPort(port)
			.start();
	}

	private static ConfigurableApplicationContext startApplication(int databasePort) {
		return new SpringApplicationBuilder(JwtAuthApplication.class).profiles("test")
			.run("--server.port=0", "--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
					"--spring.datasource.username=postgres", "--spring.datasource.password=");
	}

	private HttpResponse<String> post(String path, String json, String token) throws Exception {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return send(request(path, token).GET());
	}

	private HttpRequest.Builder request(String path, String token) {
		int port = ((WebServerApplicationContext) this.application).getWebServer().getPort();
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(REQUEST_TIMEOUT);
		return (token != null) ? builder.header("Authorization", "Token " + token) : builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
