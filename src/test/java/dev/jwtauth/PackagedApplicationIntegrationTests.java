package dev.jwtauth;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar as users start it, with {@code java -jar} and no configuration: the
 * local H2 default under {@code ./data} and a generated secret, both surviving a restart.
 */
class PackagedApplicationIntegrationTests {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	/** Starts the application context that Spring AOT worked out at build time. */
	private static final String AOT = "-Dspring.aot.enabled=true";

	@RegisterExtension
	static final GreenMailExtension mail = Mailbox.server();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@TempDir
	Path workingDirectory;

	@Test
	void createSuperuserThenExitsAndTheSuperuserAdministersTheRunningService() throws Exception {
		Process command = jar("create-superuser", "--username", "admin", "--email", "admin@example.com").start();
		command.getOutputStream().write("admin-password\n".getBytes(StandardCharsets.UTF_8));
		command.getOutputStream().close();
		assertThat(command.waitFor(90, TimeUnit.SECONDS)).as("the command exits by itself").isTrue();
		assertThat(command.exitValue()).isZero();

		int port = freePort();
		try (RunningJar service = start(port)) {
			HttpResponse<String> signin = post(port, "/users/signin/",
					"{\"user\":{\"username\":\"admin\",\"password\":\"admin-password\"}}");
			assertThat(signin.statusCode()).isEqualTo(200);
			String token = JsonPath.read(signin.body(), "$.user.token");
			HttpResponse<String> users = this.http.send(
					HttpRequest.newBuilder(uri(port, "/users/")).header("Authorization", "Token " + token).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(users.statusCode()).isEqualTo(200);
			assertThat((String) JsonPath.read(users.body(), "$.users[0].username")).isEqualTo("admin");
		}
		assertThat(Files.readString(this.workingDirectory.resolve("output.log"))).contains("Superuser admin created.")
			.doesNotContain("admin-password");
	}

	@Test
	void importDjangoUsersThenExitsAndTheyKeepTheirPasswordsAndTokens() throws Exception {
		Path fixtures = Path.of("src/test/resources/django").toAbsolutePath();
		String tokens = Files.readString(fixtures.resolve("tokens.json"));
		String passwords = Files.readString(fixtures.resolve("passwords.json"));
		Process command = imageJar("import-django-users", fixtures.resolve("dumpdata.json").toString()).start();
		assertThat(command.waitFor(90, TimeUnit.SECONDS)).as("the command exits by itself").isTrue();
		assertThat(command.exitValue()).isZero();

		int port = freePort();
		ProcessBuilder window = imageJar("--server.port=" + port);
		window.environment().put("DJANGO_SECRET_KEY", JsonPath.read(tokens, "$.secretKey"));
		window.environment().put("DJANGO_TOKENS_UNTIL", "2200-01-01T00:00:00Z");
		try (RunningJar service = new RunningJar(window.start())) {
			awaitReady(service.process(), port);
			assertThat(post(port, "/users/signin/",
					"{\"user\":{\"username\":\"alice\",\"password\":\"" + JsonPath.read(passwords, "$.alice") + "\"}}")
				.statusCode()).isEqualTo(200);
			HttpResponse<String> current = this.http.send(HttpRequest.newBuilder(uri(port, "/users/current/"))
				.header("Authorization", "Token " + JsonPath.read(tokens, "$.alice"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(current.statusCode()).isEqualTo(200);
			assertThat((String) JsonPath.read(current.body(), "$.user.username")).isEqualTo("alice");
			// 100 MiB per check, over the limit: refused as a wrong password,
			// 503 past its turn, 429 past five failures; never 500.
			assertThat(concurrentSignins(port, "carol", JsonPath.read(passwords, "$.carol"), "wrong-password-1",
					"wrong-password-2", JsonPath.read(passwords, "$.carol"), "wrong-password-3", "wrong-password-4"))
				.isNotEmpty()
				.allSatisfy((status) -> assertThat(status).isIn(400, 429, 503));
		}
		assertThat(Files.readString(this.workingDirectory.resolve("output.log")))
			.contains("Imported 7 users, 0 already present, 3 skipped.")
			.contains("Note pk 3: imported without a usable password (its Argon2 hash needs 100 MiB of memory per "
					+ "check, more than PASSWORD_HASHING_MAX_LEGACY_MEMORY (32 MiB))")
			.doesNotContain((String) JsonPath.read(tokens, "$.secretKey"))
			.doesNotContain("pbkdf2_sha256$")
			.doesNotContain("OutOfMemoryError")
			.doesNotContain(" ERROR ");
	}

	/**
	 * Requests left half-sent, a line at a time, on more connections than the image's
	 * heap could hold: the service takes as many as it can afford, outlasts them, and
	 * answers once they are gone.
	 */
	@Test
	void requestsLeftHalfSentThenTheServiceOutlastsThem() throws Exception {
		int port = freePort();
		try (RunningJar service = new RunningJar(imageJar("--server.port=" + port).start())) {
			awaitReady(service.process(), port);
			List<Socket> held = new ArrayList<>();
			try {
				while (held.size() < 2_500) {
					Socket socket = new Socket();
					try {
						socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
					}
					catch (SocketTimeoutException | ConnectException ex) {
						// Its queue is full, and it takes no more for now; or it is gone,
						// which the probe below reports.
						socket.close();
						break;
					}
					held.add(socket);
					socket.getOutputStream()
						.write("GET /users/current/ HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				for (int line = 0; line < 3 && service.process().isAlive(); line++) {
					Thread.sleep(3_000);
					for (Socket socket : held) {
						socket.getOutputStream().write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
					}
				}
			}
			catch (IOException ex) {
				// A connection the service dropped: the probe below says whether
				// it still runs.
			}
			finally {
				for (Socket socket : held) {
					socket.close();
				}
			}
			await("the liveness probe").atMost(Duration.ofSeconds(30))
				.failFast("the service exited", () -> !service.process().isAlive())
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> get(port, "/actuator/health/liveness").statusCode() == 200);
		}
		assertThat(Files.readString(this.workingDirectory.resolve("output.log"))).doesNotContain("OutOfMemoryError");
	}

	/** The statuses of signins of {@code username} with these passwords, all at once. */
	private List<Integer> concurrentSignins(int port, String username, String... passwords) {
		List<CompletableFuture<HttpResponse<Void>>> signins = Stream.of(passwords)
			.map((password) -> this.http.sendAsync(HttpRequest.newBuilder(uri(port, "/users/signin/"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"user\":{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}}"))
				.build(), HttpResponse.BodyHandlers.discarding()))
			.toList();
		return signins.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
	}

	/**
	 * {@code java -jar} on the packaged jar as the image runs it: with Spring AOT's
	 * generated code, and with its {@code JAVA_OPTS} (a heap of at most 160 MiB) and
	 * {@code MALLOC_ARENA_MAX}.
	 */
	private ProcessBuilder imageJar(String... args) throws IOException {
		assertThat(Files.readString(Path.of("Dockerfile"))).as("the image starts with Spring AOT's generated code")
			.containsPattern("ENTRYPOINT .*exec java " + AOT + " ");
		return imageJava(Stream.concat(Stream.of(AOT, "-jar", System.getProperty("app.jar")), Stream.of(args))
			.toArray(String[]::new));
	}

	/**
	 * The image's {@code JAVA_OPTS}, read from the Dockerfile; compact object headers
	 * only from Java 25 on, as in the benchmarks.
	 */
	private static List<String> imageOptions() throws IOException {
		Matcher options = Pattern.compile("ENV JAVA_OPTS=\"([^\"]+)\"")
			.matcher(Files.readString(Path.of("Dockerfile")));
		assertThat(options.find()).as("the Dockerfile sets JAVA_OPTS").isTrue();
		List<String> image = Stream.of(options.group(1).split("\\s+"))
			.filter((option) -> Runtime.version().feature() >= 25 || !option.equals("-XX:+UseCompactObjectHeaders"))
			.toList();
		assertThat(image).contains("-Xmx160m");
		return image;
	}

	/** The image's JVM options and {@code MALLOC_ARENA_MAX}, then the given arguments. */
	private ProcessBuilder imageJava(String... args) throws IOException {
		List<String> command = new ArrayList<>(imageOptions());
		command.addAll(List.of(args));
		ProcessBuilder builder = process(command.toArray(String[]::new));
		builder.environment().put("MALLOC_ARENA_MAX", "2");
		return builder;
	}

	/**
	 * The Dockerfile's steps without Docker: extract the layers and lay them over each
	 * other as the image does, train the class cache on them, start the application with
	 * that cache, and probe health as the container does.
	 */
	@Test
	void extractedLayersWithTrainedCacheStartAndAnswerTheHealthProbeAsInTheImage() throws Exception {
		Path extracted = this.workingDirectory.resolve("extracted");
		Process extract = process("-Djarmode=tools", "-jar", System.getProperty("app.jar"), "extract", "--layers",
				"--destination", extracted.toString())
			.start();
		assertThat(extract.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(extract.exitValue()).isZero();
		Path image = this.workingDirectory.resolve("app");
		for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
			copyTree(extracted.resolve(layer), image);
		}
		ClassCache cache = ClassCache.of(image.resolve("jwt-auth.cache"));

		// With the image's options, as the Dockerfile trains and starts: the cache's
		// objects must fit the heap those options start with
		ProcessBuilder training = imageJava(AOT, cache.train(), "-Dspring.context.exit=onRefresh", "-jar",
				"jwt-auth.jar")
			.directory(image.toFile());
		training.environment().put("JWT_SECRET", "J3oUDb2HfrWSX2K4RtFXgGnw7QdVw1jRgdr4/+QybzU=");
		training.environment().put("SPRING_DATASOURCE_URL", "jdbc:h2:mem:training");
		Process trained = training.start();
		assertThat(trained.waitFor(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(trained.exitValue()).isZero();
		assertThat(image.resolve("jwt-auth.cache")).isNotEmptyFile();
		assertThat(image.resolve("data")).as("training leaves no data or secret in the image").doesNotExist();

		int port = freePort();
		assertThat(probe(image, port)).as("no service answers yet").isEqualTo(1);
		ProcessBuilder launch = imageJava(AOT, cache.require(), cache.use(), "-jar", "jwt-auth.jar")
			.directory(image.toFile());
		launch.environment().put("SERVER_PORT", Integer.toString(port));
		launch.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
		try (RunningJar service = new RunningJar(launch.start())) {
			awaitReady(service.process(), port);
			assertThat(probe(image, port)).isZero();
			assertThat(post(port, "/users/signup/",
					"{\"user\":{\"username\":\"docker\",\"password\":\"12345678\",\"email\":\"docker@example.com\"}}")
				.statusCode()).isEqualTo(201);
		}
		assertThat(image.resolve("data/jwt-auth.mv.db")).exists();
		assertThat(Files.readAllLines(this.workingDirectory.resolve("output.log")))
			.anySatisfy((line) -> assertThat(line).startsWith("{")
				.contains("\"message\":\"POST /users/signup/ 201")
				.contains("\"requestId\":"));
	}

	/**
	 * The JDK's class cache: the AOT cache from Java 25 on, as in the image; a CDS
	 * archive before.
	 */
	private record ClassCache(String train, String use, String require) {

		static ClassCache of(Path file) {
			if (Runtime.version().feature() >= 25) {
				return new ClassCache("-XX:AOTCacheOutput=" + file, "-XX:AOTCache=" + file, "-XX:AOTMode=on");
			}
			return new ClassCache("-XX:ArchiveClassesAtExit=" + file, "-XX:SharedArchiveFile=" + file, "-Xshare:on");
		}

	}

	/**
	 * Spring AOT fixes at build time which beans exist; the settings that used to decide
	 * that are still read at start.
	 */
	@Test
	void aheadOfTimeLaunchReadsTheDocumentationAndMailSettingsAtStart() throws Exception {
		int port = freePort();
		ProcessBuilder off = imageJar("--server.port=" + port);
		off.environment().put("API_DOCS_ENABLED", "false");
		off.environment().put("SPRING_MAIL_HOST", "127.0.0.1");
		off.environment().put("SPRING_MAIL_PORT", Integer.toString(mail.getSmtp().getPort()));
		off.environment().put("MAIL_FROM", "auth@example.com");
		off.environment().put("PUBLIC_URL", "https://auth.example.com");
		try (RunningJar service = new RunningJar(off.start())) {
			awaitReady(service.process(), port);
			assertThat(get(port, "/v3/api-docs").statusCode()).isEqualTo(404);
			HttpResponse<String> swaggerUi = get(port, "/swagger-ui/index.html");
			assertThat(swaggerUi.statusCode()).isEqualTo(404);
			assertThat(swaggerUi.body()).startsWith("{\"user\":").contains("Not found.");
			assertThat(post(port, "/users/signup/",
					"{\"user\":{\"username\":\"olga\",\"password\":\"12345678\",\"email\":\"olga@example.com\"}}")
				.statusCode()).isEqualTo(201);
			assertThat(post(port, "/users/password_reset/", "{\"user\":{\"email\":\"olga@example.com\"}}").statusCode())
				.isEqualTo(202);
			assertThat(Mailbox.link(Mailbox.await(mail, "olga@example.com", "Reset your password")))
				.startsWith("https://auth.example.com/");
		}

		try (RunningJar service = new RunningJar(imageJar("--server.port=" + port).start())) {
			awaitReady(service.process(), port);
			HttpResponse<String> document = get(port, "/v3/api-docs");
			assertThat(document.statusCode()).isEqualTo(200);
			assertThat((String) JsonPath.read(document.body(), "$.info.title")).isEqualTo("jwt-auth");
			assertThat(get(port, "/swagger-ui/index.html").statusCode()).isEqualTo(200);
		}

		ProcessBuilder noSwaggerUi = imageJar("--server.port=" + port);
		noSwaggerUi.environment().put("SPRINGDOC_SWAGGER_UI_ENABLED", "false");
		noSwaggerUi.environment().put("SERVER_FORWARD_HEADERS_STRATEGY", "native");
		noSwaggerUi.environment().put("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,info,metrics,prometheus");
		try (RunningJar service = new RunningJar(noSwaggerUi.start())) {
			awaitReady(service.process(), port);
			assertThat(get(port, "/v3/api-docs").statusCode()).isEqualTo(200);
			assertThat(get(port, "/swagger-ui/index.html").statusCode()).isEqualTo(404);
		}
		assertThat(Files.readString(this.workingDirectory.resolve("output.log")))
			.contains("Starting AOT-processed JwtAuthApplication")
			.contains("Mail is sent over SMTP through 127.0.0.1")
			.contains("Mail is written to files")
			.doesNotContain(" ERROR ");
	}

	/**
	 * A setting that would choose other beans than the build did is refused, rather than
	 * silently without effect.
	 */
	@Test
	void aheadOfTimeLaunchRefusesSettingsFixedAtBuildTime() throws Exception {
		ProcessBuilder exposure = imageJar("--server.port=" + freePort());
		exposure.environment().put("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,env");
		exposure.environment().put("SERVER_FORWARD_HEADERS_STRATEGY", "framework");
		exposure.environment().put("MANAGEMENT_SERVER_PORT", Integer.toString(freePort()));
		Process refused = exposure.start();
		assertThat(refused.waitFor(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the service stops by itself")
			.isTrue();
		assertThat(refused.exitValue()).isNotZero();
		assertThat(Files.readString(this.workingDirectory.resolve("output.log")))
			.contains("Set at start, but fixed when this build was made (Spring AOT): "
					+ "management.endpoints.web.exposure.include, management.server.port, "
					+ "server.forward-headers-strategy.")
			.doesNotContain("Tomcat started");
	}

	@Test
	void restartKeepsUsersAndEarlierTokensWorking() throws Exception {
		int port = freePort();
		String token;
		try (RunningJar first = start(port)) {
			HttpResponse<String> signup = post(port, "/users/signup/",
					"{\"user\":{\"username\":\"john\",\"password\":\"12345678\",\"email\":\"test@email.net\"}}");
			assertThat(signup.statusCode()).isEqualTo(201);
			token = JsonPath.read(signup.body(), "$.user.token");
		}

		Path secretFile = this.workingDirectory.resolve("data/jwt-secret");
		assertThat(secretFile).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
		assertThat(this.workingDirectory.resolve("data/jwt-auth.mv.db")).exists();

		try (RunningJar second = start(port)) {
			HttpResponse<String> current = this.http.send(HttpRequest.newBuilder(uri(port, "/users/current/"))
				.header("Authorization", "Token " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(current.statusCode()).isEqualTo(200);
			assertThat((String) JsonPath.read(current.body(), "$.user.username")).isEqualTo("john");
			assertThat(post(port, "/users/signin/", "{\"user\":{\"username\":\"john\",\"password\":\"12345678\"}}")
				.statusCode()).isEqualTo(200);
		}

		String secret = Files.readString(secretFile).strip();
		assertThat(Files.readString(this.workingDirectory.resolve("output.log")))
			.contains("Graceful shutdown complete");
		String logs = Files.readString(this.workingDirectory.resolve("output.log"));
		assertThat(logs)
			.containsPattern("Ready on port \\d+, database jdbc:h2:file:./data/jwt-auth as sa, profiles \\[default\\]")
			.contains("generated a signing secret")
			.contains("using the signing secret kept in")
			.doesNotContain(secret)
			.doesNotContain("12345678")
			.doesNotContain(" ERROR ");
	}

	private RunningJar start(int port) throws Exception {
		RunningJar jar = new RunningJar(jar("--server.port=" + port).start());
		awaitReady(jar.process(), port);
		return jar;
	}

	/**
	 * {@code java -jar} on the packaged jar, in the working directory, without inherited
	 * settings.
	 */
	private ProcessBuilder jar(String... args) {
		List<String> command = new ArrayList<>(List.of("-jar", System.getProperty("app.jar")));
		command.addAll(List.of(args));
		return process(command.toArray(String[]::new));
	}

	/**
	 * {@code java} with these arguments, in the working directory, without inherited
	 * settings.
	 */
	private ProcessBuilder process(String... args) {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.workingDirectory.resolve("output.log").toFile()));
		builder.environment()
			.keySet()
			.removeIf((name) -> name.startsWith("JWT_") || name.startsWith("SPRING_") || name.startsWith("SUPERUSER_")
					|| name.startsWith("DJANGO_"));
		return builder;
	}

	/** The image's HEALTHCHECK command. */
	private int probe(Path image, int port) throws Exception {
		ProcessBuilder probe = process("-cp", image.resolve("jwt-auth.jar").toString(), "dev.jwtauth.ops.HealthProbe");
		probe.environment().put("SERVER_PORT", Integer.toString(port));
		Process process = probe.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return process.exitValue();
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target);
				}
			}
		}
	}

	private void awaitReady(Process process, int port) {
		await("the application answering").atMost(STARTUP_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.failFast("the application exited during start-up", () -> !process.isAlive())
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> this.http.send(HttpRequest.newBuilder(uri(port, "/")).build(),
					HttpResponse.BodyHandlers.discarding()) != null);
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(port, path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(int port, String path, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(port, path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private record RunningJar(Process process) implements AutoCloseable {

		@Override
		public void close() throws Exception {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}

	}

}
