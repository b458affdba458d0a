package dev.jwtauth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import com.jayway.jsonpath.JsonPath;
import dev.jwtauth.security.TokenService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random requests at the running service: random methods and paths, bodies from random
 * bytes to near-valid envelopes, random content types and Authorization headers, valid
 * tokens among them. Whatever comes: never a 5xx, always the envelope, and the user table
 * changes only through a 201 signup, a 200 update, or a 204 sign-out or deletion. One
 * suite, run on each database the service supports.
 * <p>
 * Reproducible: {@code ./mvnw verify} always sends the requests of {@link #FIXED_SEED};
 * {@code -Dfuzz.seed=N} sends those of seed {@code N}, {@code -Dfuzz.seed=random} those
 * of a new seed; a failure names its seed, whatever it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Tag("slow")
abstract class RequestFuzzTests {

	static final long FIXED_SEED = 20_261_204L;

	private static final int REQUESTS = Integer.getInteger("fuzz.requests", 300);

	private static final List<String[]> ENDPOINTS = List.of(new String[] { "POST", "/users/signup/" },
			new String[] { "POST", "/users/signin" }, new String[] { "POST", "/users/update_current/" },
			new String[] { "PUT", "/users/current" }, new String[] { "PATCH", "/users/current/" },
			new String[] { "GET", "/users/current/" }, new String[] { "DELETE", "/users/current/" },
			new String[] { "POST", "/users/signout/" }, new String[] { "GET", "/users/signup/" },
			new String[] { "POST", "/users/" }, new String[] { "OPTIONS", "/users/signin/" },
			new String[] { "POST", "/nowhere" }, new String[] { "GET", "/users/?size={}" },
			new String[] { "GET", "/users/{}/" }, new String[] { "GET", "/users/current/?{}" });

	private static final List<String> FIELDS = List.of("username", "email", "password", "current_password", "user",
			"id", "is_staff", "token");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TokenService tokens;

	private int fuzzers;

	private long fuzzerId;

	@Test
	void randomRequestsThenNeverA5xxAlwaysTheEnvelopeAndNoStrayWrites() throws Exception {
		long seed = seed(System.getProperty("fuzz.seed"));
		try {
			fuzz(seed);
		}
		catch (Exception | AssertionError ex) {
			throw new AssertionError("Fuzzing failed with seed " + seed + "; replay it with -Dfuzz.seed=" + seed, ex);
		}
	}

	static long seed(String property) {
		if (property == null || property.isBlank()) {
			return FIXED_SEED;
		}
		return property.equals("random") ? System.nanoTime() : Long.parseLong(property.strip());
	}

	private void fuzz(long seed) throws Exception {
		Random random = new Random(seed);
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
		String token = signupFuzzer();
		for (int i = 0; i < REQUESTS; i++) {
			String[] endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
			String path = endpoint[1].replace("{}", percentEncoded(text(random, 40)));
			String headers = contentType(random) + authorization(random, token);
			byte[] body = body(random);
			List<String> before = users();

			RawHttp.Response response = RawHttp.send(this.port, null, endpoint[0], path, headers, body);

			String request = "seed " + seed + ", request " + i + ": " + endpoint[0] + " " + path + "\n" + headers
					+ ((body != null) ? new String(body, StandardCharsets.UTF_8) : "");
			assertThat(response.status()).as(request).isBetween(200, 499);
			if (response.status() != 204 && !endpoint[0].equals("OPTIONS")) {
				assertThat(response.body()).as(request).containsPattern("^\\{\"users?\":");
			}
			if (!users().equals(before)) {
				assertThat(mayWrite(endpoint, response.status()))
					.as("the user table changed on " + response.status() + " for " + request)
					.isTrue();
				token = currentToken();
			}
			if (response.status() == 200 && mayWrite(endpoint, 200) || response.status() == 201) {
				assertThat(storedNamesAndEmails()).as("the stored user differs from the response to " + request)
					.contains(JsonPath.read(response.body(), "$.user.username") + "\n"
							+ JsonPath.read(response.body(), "$.user.email"));
			}
		}
	}

	private static boolean mayWrite(String[] endpoint, int status) {
		String method = endpoint[0];
		String path = endpoint[1];
		boolean created = status == 201 && path.startsWith("/users/signup");
		boolean updated = status == 200 && !method.equals("GET")
				&& (path.startsWith("/users/update_current") || path.startsWith("/users/current"));
		boolean signedOut = status == 204 && path.startsWith("/users/signout");
		boolean deleted = status == 204 && method.equals("DELETE");
		return created || updated || signedOut || deleted;
	}

	/** A valid token again after a sign-out, a password change or a deletion. */
	private String currentToken() throws Exception {
		List<Integer> versions = this.jdbc.sql("select token_version from users where id = ?")
			.param(this.fuzzerId)
			.query(Integer.class)
			.list();
		return versions.isEmpty() ? signupFuzzer() : this.tokens.issue(this.fuzzerId, versions.get(0));
	}

	/** Signs up a new user to send the valid tokens, and answers its token. */
	private String signupFuzzer() throws Exception {
		String name = "fuzzer" + this.fuzzers++;
		RawHttp.Response signup = RawHttp.send(this.port, null, "POST", "/users/signup/",
				"Content-Type: application/json\r\n",
				"{\"user\":{\"username\":\"%s\",\"email\":\"%s@example.com\",\"password\":\"12345678\"}}"
					.formatted(name, name)
					.getBytes(StandardCharsets.UTF_8));
		this.fuzzerId = this.jdbc.sql("select id from users where username = ?").param(name).query(Long.class).single();
		// Staff, so that the administration endpoints' paths and parameters are reached.
		this.jdbc.sql("update users set is_staff = true where id = ?").param(this.fuzzerId).update();
		return JsonPath.read(signup.body(), "$.user.token");
	}

	/** Read back as Java text, so that anything the database changed on the way shows. */
	private List<String> storedNamesAndEmails() {
		return this.jdbc.sql("select username, email from users")
			.query((row, number) -> row.getString(1) + "\n" + row.getString(2))
			.list();
	}

	private List<String> users() {
		return this.jdbc
			.sql("select id, username, email, password_hash, is_active, token_version from users order by id")
			.query((row, number) -> row.getLong(1) + "|" + row.getString(2) + "|" + row.getString(3) + "|"
					+ row.getString(4) + "|" + row.getBoolean(5) + "|" + row.getInt(6))
			.list();
	}

	private static String contentType(Random random) {
		return pick(random, () -> "Content-Type: application/json\r\n", () -> "Content-Type: application/json\r\n",
				() -> "Content-Type: application/json\r\n", () -> "", () -> "Content-Type: text/plain\r\n",
				() -> "Content-Type: application/json; charset=ISO-8859-1\r\n",
				() -> "Content-Type: " + text(random, 20) + "\r\n");
	}

	private static String authorization(Random random, String token) {
		return pick(random, () -> "", () -> "Authorization: Token " + token + "\r\n",
				() -> "Authorization: Bearer " + token + "\r\n",
				() -> "Authorization: Token " + mutate(random, token) + "\r\n",
				() -> "Authorization: Token " + text(random, 60) + "\r\n",
				() -> "Authorization: " + text(random, 80) + "\r\n");
	}

	private static byte[] body(Random random) {
		return pick(random, () -> null, () -> randomBytes(random),
				() -> json(random, 0).getBytes(StandardCharsets.UTF_8),
				() -> envelope(random).getBytes(StandardCharsets.UTF_8),
				() -> envelope(random).getBytes(StandardCharsets.UTF_8),
				() -> envelope(random).getBytes(StandardCharsets.UTF_8),
				() -> ("{\"user\":" + nearlyValidUser(random) + "}").getBytes(StandardCharsets.UTF_8),
				() -> ("{\"user\":" + nearlyValidUser(random) + "}").getBytes(StandardCharsets.UTF_8));
	}

	private static String envelope(Random random) {
		StringBuilder user = new StringBuilder("{");
		int fields = random.nextInt(5);
		for (int i = 0; i < fields; i++) {
			if (i > 0) {
				user.append(',');
			}
			user.append(quote(FIELDS.get(random.nextInt(FIELDS.size())))).append(':').append(fieldValue(random));
		}
		user.append('}');
		return pick(random, () -> "{\"user\":" + user + "}",
				() -> "{\"user\":" + user + ",\"extra\":" + json(random, 2) + "}",
				() -> "{\"user\":" + json(random, 1) + "}", () -> "{\"usr\":" + user + "}");
	}

	/**
	 * The fields every endpoint reads, with values that pass every other check, some with
	 * one character that a database or the password hash cannot take as it is.
	 */
	private static String nearlyValidUser(Random random) {
		int n = random.nextInt(1000);
		return "{\"username\":%s,\"email\":%s,\"password\":%s,\"current_password\":%s}".formatted(
				quote(spoiled(random, "fuzz" + n)), quote(spoiled(random, "fuzz" + n + "@example.com")),
				quote(spoiled(random, "12345678")), quote(spoiled(random, "12345678")));
	}

	private static String spoiled(Random random, String value) {
		if (random.nextInt(3) > 0) {
			return value;
		}
		int at = random.nextInt(value.length() + 1);
		return value.substring(0, at) + oneOf(random, "\u0000", "\ud800", "\udfff", "\udc00\ud800")
				+ value.substring(at);
	}

	private static String fieldValue(Random random) {
		return pick(random, () -> quote("fuzz" + random.nextInt(1000)),
				() -> quote("fuzz" + random.nextInt(1000) + "@example.com"), () -> quote("12345678"),
				() -> quote(text(random, 200)), () -> quote("x".repeat(random.nextInt(300))), () -> json(random, 2));
	}

	private static String json(Random random, int depth) {
		if (depth > 3) {
			return "1";
		}
		return pick(random, () -> "null", () -> Boolean.toString(random.nextBoolean()),
				() -> Double.toString(random.nextGaussian() * 1e10), () -> "1e999", () -> quote(text(random, 30)),
				() -> "[" + json(random, depth + 1) + "," + json(random, depth + 1) + "]",
				() -> "{" + quote(text(random, 8)) + ":" + json(random, depth + 1) + "}", () -> "[".repeat(40),
				() -> "{\"user\":{\"username\":\"a\",\"username\":\"b\"}}");
	}

	/** Any characters at all, control characters and unpaired surrogates included. */
	private static String text(Random random, int maxLength) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(maxLength + 1);
		for (int i = 0; i < length; i++) {
			text.append(pick(random, () -> (char) (32 + random.nextInt(95)), () -> (char) random.nextInt(32),
					() -> (char) (0xA0 + random.nextInt(0x500)), () -> (char) (0xD800 + random.nextInt(0x800))));
		}
		return text.toString();
	}

	/**
	 * A JSON string of {@code text}; control characters and surrogates go as escapes, so
	 * that they reach the service as the text they are rather than being refused as raw
	 * bytes or turned into {@code ?} by the encoding.
	 */
	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		text.chars().forEach((c) -> {
			if (c == '"' || c == '\\') {
				quoted.append('\\').append((char) c);
			}
			else if (c < 0x20 || Character.isSurrogate((char) c)) {
				quoted.append(String.format(Locale.ROOT, "\\u%04x", c));
			}
			else {
				quoted.append((char) c);
			}
		});
		return quoted.append('"').toString();
	}

	/**
	 * Percent-encodes each UTF-16 unit as UTF-8 would encode it alone, so that NUL and
	 * unpaired surrogates reach the URL decoder too.
	 */
	private static String percentEncoded(String text) {
		StringBuilder encoded = new StringBuilder();
		text.chars().forEach((c) -> {
			byte[] bytes = (c < 0x80) ? new byte[] { (byte) c } : (c < 0x800)
					? new byte[] { (byte) (0xC0 | c >> 6), (byte) (0x80 | c & 0x3F) }
					: new byte[] { (byte) (0xE0 | c >> 12), (byte) (0x80 | c >> 6 & 0x3F), (byte) (0x80 | c & 0x3F) };
			for (byte b : bytes) {
				encoded.append(String.format(Locale.ROOT, "%%%02X", b & 0xFF));
			}
		});
		return encoded.toString();
	}

	private static String mutate(Random random, String token) {
		int at = random.nextInt(token.length());
		return token.substring(0, at) + (char) ('A' + random.nextInt(26)) + token.substring(at + 1);
	}

	private static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[random.nextInt(200)];
		random.nextBytes(bytes);
		return bytes;
	}

	/** Text that one supported database or the password hash cannot take as it is. */
	private static String oneOf(Random random, String... choices) {
		return choices[random.nextInt(choices.length)];
	}

	@SafeVarargs
	private static <T> T pick(Random random, Supplier<T>... choices) {
		return choices[random.nextInt(choices.length)].get();
	}

}
