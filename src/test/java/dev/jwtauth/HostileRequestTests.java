package dev.jwtauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.jayway.jsonpath.JsonPath;
import dev.jwtauth.security.TokenService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service refuses: forged and malformed tokens through the real filter chain,
 * and hostile bodies and headers, over raw HTTP so that nothing is cleaned up on the way.
 * Each gets a 4xx in the envelope, changes nothing and logs no error. One suite, run on
 * each database the service supports, since each refuses different text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
@Tag("slow")
abstract class HostileRequestTests {

	private static final String NUL_MESSAGE = "Null characters are not allowed.";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Value("${auth.token.secret}")
	private String secret;

	private long userId;

	private String token;

	@BeforeEach
	void oneUser() throws IOException {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
		RawHttp.Response signup = send("POST", "/users/signup/", "Content-Type: application/json\r\n",
				"{\"user\":{\"username\":\"john\",\"email\":\"john@example.com\",\"password\":\"12345678\"}}"
					.getBytes(StandardCharsets.UTF_8));
		assertThat(signup.status()).isEqualTo(201);
		this.userId = this.jdbc.sql("select id from users").query(Long.class).single();
		this.token = JsonPath.read(signup.body(), "$.user.token");
	}

	static Stream<Arguments> hostileTokens() {
		return Stream.of(Arguments.of("alg none", "none"), Arguments.of("HS384 over the secret", "HS384"),
				Arguments.of("HS512 over the secret", "HS512"), Arguments.of("RS256 with its own key", "RS256"),
				Arguments.of("unknown kid", "kid"), Arguments.of("tampered payload", "payload"),
				Arguments.of("tampered signature", "signature"), Arguments.of("no exp", "no-exp"),
				Arguments.of("iat in the future", "future"), Arguments.of("id as a string", "string-id"),
				Arguments.of("payload not JSON", "not-json"), Arguments.of("empty parts", ".."));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileTokens")
	void forgedOrMalformedTokenThen401InEnvelope(String description, String kind, CapturedOutput output)
			throws Exception {
		RawHttp.Response response = send("GET", "/users/current/", "Authorization: Token " + forge(kind) + "\r\n",
				null);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Token");
		assertThat(response.body()).isEqualTo("{\"user\":{\"errors\":{\"error\":[\"Invalid token.\"]}}}");
		assertThat(output).doesNotContain(" ERROR ");
	}

	@Test
	void validTokenThenAcceptedSoTheForgeriesAboveFailForTheirFlawAlone() throws Exception {
		RawHttp.Response response = send("GET", "/users/current/", "Authorization: Token " + forge("valid") + "\r\n",
				null);

		assertThat(response.status()).isEqualTo(200);
	}

	/**
	 * Other spellings of an accepted token, each of which a base64url decoder reads as
	 * the same bytes: the token the service issued at signup, or, for the header and
	 * payload, whose issued lengths leave no unused bits, one signed with the same key
	 * whose JSON is padded with a space or two so that they do.
	 */
	static Stream<Arguments> respelledTokens() {
		return Stream.of(Arguments.of("padding after the issued signature", 2, "pad"),
				Arguments.of("unused bits set in the issued signature's last character", 2, "bits"),
				Arguments.of("padding after the header", 0, "pad"), Arguments.of("padding after the payload", 1, "pad"),
				Arguments.of("unused bits set in the header's last character", 0, "bits"),
				Arguments.of("unused bits set in the payload's last character", 1, "bits"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("respelledTokens")
	void acceptedTokenWhenSpelledOtherwiseThen401(String description, int part, String change, CapturedOutput output)
			throws Exception {
		String accepted = (part == 2) ? this.token : signedWithUnusedBitsIn(part);
		assertThat(send("GET", "/users/current/", "Authorization: Token " + accepted + "\r\n", null).status())
			.isEqualTo(200);
		String[] parts = accepted.split("\\.");
		String respelled = change.equals("pad") ? parts[part] + "=".repeat(4 - parts[part].length() % 4)
				: withUnusedBitsSet(parts[part]);
		assertThat(Base64.getUrlDecoder().decode(respelled)).isEqualTo(Base64.getUrlDecoder().decode(parts[part]));
		parts[part] = respelled;

		RawHttp.Response response = send("GET", "/users/current/",
				"Authorization: Token " + String.join(".", parts) + "\r\n", null);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"user\":{\"errors\":{\"error\":[\"Invalid token.\"]}}}");
		assertThat(output).doesNotContain(" ERROR ");
	}

	/** A valid token whose header or payload ends in a character with unused bits. */
	private String signedWithUnusedBitsIn(int part) throws Exception {
		byte[] secret = Base64.getDecoder().decode(this.secret);
		long now = Instant.now().getEpochSecond();
		String header = "{\"alg\":\"HS256\",\"kid\":\"" + TokenService.keyId(secret) + "\"}";
		String claims = "{\"id\":%d,\"sub\":\"%d\",\"ver\":0,\"iat\":%d,\"exp\":%d}".formatted(this.userId, this.userId,
				now, now + 600);
		while (base64((part == 0) ? header : claims).length() % 4 != 2) {
			header = (part == 0) ? header + " " : header;
			claims = (part == 1) ? claims + " " : claims;
		}
		String input = base64(header) + "." + base64(claims);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret, "HmacSHA256"));
		return input + "."
				+ Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
	}

	/** The same bytes, with the last character's unused low bits set. */
	private static String withUnusedBitsSet(String part) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		int remainder = part.length() % 4;
		assertThat(remainder).as("a part whose last character has unused bits").isIn(2, 3);
		int last = alphabet.indexOf(part.charAt(part.length() - 1));
		int respelled = last | ((remainder == 2) ? 0b1111 : 0b11);
		return part.substring(0, part.length() - 1) + alphabet.charAt(respelled);
	}

	@Test
	void tokenOf20KilobytesThenRefusedByTheServerInEnvelope(CapturedOutput output) throws Exception {
		RawHttp.Response response = send("GET", "/users/current/",
				"Authorization: Token " + "a".repeat(20_000) + "\r\n", null);

		assertThat(response.status()).isIn(400, 431);
		assertThat(response.body()).startsWith("{\"user\":{\"errors\":{\"error\":[");
		assertThat(output).doesNotContain(" ERROR ");
	}

	/**
	 * Paths that could reach a handler other than the one they seem to name, sent as they
	 * are, not normalised by a client: refused before any handler.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/users/../users/current/", "/users/%2e%2e/users/current/", "/users/current/;x=1",
			"/users;x/current/", "//users/current/", "/users//current/", "/users/current//", "/users//",
			"/actuator/health//", "/users/current/%00", "/users/%ZZ/" })
	void pathWithDotSegmentsParametersDoubleSlashesOrBadEncodingThen400InEnvelope(String path, CapturedOutput output)
			throws Exception {
		RawHttp.Response response = send("GET", path, "Authorization: Token " + forge("valid") + "\r\n", null);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"user\":{\"errors\":{\"error\":[\"Bad request.\"]}}}");
		assertThat(output).doesNotContain(" ERROR ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "application/*", "*/*; charset=utf-8", "application/*+json" })
	void bodyWhenContentTypeIsAWildcardThen415InEnvelope(String contentType, CapturedOutput output) throws Exception {
		for (String path : List.of("/users/signin/", "/users/signup/")) {
			RawHttp.Response response = send("POST", path, "Content-Type: " + contentType + "\r\n",
					"{\"user\":{}}".getBytes(StandardCharsets.UTF_8));

			assertThat(response.status()).isEqualTo(415);
			assertThat(response.body())
				.isEqualTo("{\"user\":{\"errors\":{\"error\":[\"Unsupported media type: send application/json.\"]}}}");
		}
		assertThat(output).doesNotContain(" ERROR ");
	}

	/**
	 * Every endpoint that reads a JSON body reads it under any {@code application/*+json}
	 * type as well, as docs/API.md says: an empty user is refused for what it lacks, not
	 * for its type.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/users/signin/", "/users/signup/", "/users/token/refresh/", "/users/password_reset/",
			"/users/password_reset/confirm/", "/users/verify_email/confirm/" })
	void bodyWhenContentTypeIsAJsonSuffixTypeThenReadAsJson(String path, CapturedOutput output) throws Exception {
		RawHttp.Response response = send("POST", path, "Content-Type: application/vnd.example+json\r\n",
				"{\"user\":{}}".getBytes(StandardCharsets.UTF_8));

		assertThat(response.status()).isIn(400, 503);
		assertThat(response.body()).startsWith("{\"user\":{\"errors\":{\"").doesNotContain("media type");
		assertThat(output).doesNotContain(" ERROR ");
	}

	@Test
	void bytesNoHeaderMayCarryInTheContentTypeThen400InEnvelope(CapturedOutput output) throws Exception {
		// Sent as they are: U+0085, an encoded surrogate, U+2028 in UTF-8.
		for (String bytes : new String[] { "\u00c2\u0085", "\u00ed\u00a0\u0080", "\u00e2\u0080\u00a8" }) {
			RawHttp.Response response = send("POST", "/users/signin/",
					"Content-Type: application/json; charset=utf-8" + bytes + "\r\n",
					"{}".getBytes(StandardCharsets.UTF_8));

			assertThat(response.status()).isEqualTo(400);
			assertThat(response.body()).isEqualTo("{\"user\":{\"errors\":{\"error\":[\"Bad request.\"]}}}");
		}
		assertThat(output).doesNotContain(" ERROR ");
	}

	@Test
	void formBodyOfPutPatchOrDeleteThenNeverParsed(CapturedOutput output) throws Exception {
		for (String method : new String[] { "PUT", "PATCH", "DELETE" }) {
			RawHttp.Response response = send(method, "/users/current/",
					"Content-Type: application/x-www-form-urlencoded\r\n", "a=%ZZ".getBytes(StandardCharsets.UTF_8));

			assertThat(response.status()).as(method).isEqualTo(401);
			assertThat(response.body()).as(method).startsWith("{\"user\":{\"errors\":{\"error\":[");
		}
		assertThat(output).doesNotContain(" ERROR ");
	}

	@Test
	void controlCharactersOrWhitespaceInTheAuthorizationHeaderThenRefused(CapturedOutput output) throws Exception {
		String token = forge("valid");
		for (String header : new String[] { "Token \u0001" + token, "Token " + token + "\u0007",
				"Token\t" + token + " x", "Token " + token.substring(0, 10) + " " + token.substring(10) }) {
			RawHttp.Response response = send("GET", "/users/current/", "Authorization: " + header + "\r\n", null);

			assertThat(response.status()).as(header).isIn(400, 401);
			assertThat(response.body()).as(header).startsWith("{\"user\":{\"errors\":{\"error\":[");
		}
		assertThat(output).doesNotContain(" ERROR ");
	}

	static Stream<Arguments> hostileBodies() {
		byte[] invalidUtf8 = { '{', '"', 'u', 's', 'e', 'r', '"', ':', '{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e',
				'"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '}' };
		return Stream.of(Arguments.of("1 MB body", 413, signup("x".repeat(1_000_000))),
				Arguments.of("10 000 levels of nesting", 400,
						("{\"user\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")
							.getBytes(StandardCharsets.UTF_8)),
				Arguments.of("raw NUL byte", 400, signup("mal\u0000lory")),
				Arguments.of("escaped NUL", 400, signup("mal\\u0000lory")),
				Arguments.of("invalid UTF-8", 400, invalidUtf8),
				Arguments.of("number for a string", 400,
						"{\"user\":{\"username\":1e400,\"email\":\"a@example.com\",\"password\":\"12345678\"}}"
							.getBytes(StandardCharsets.UTF_8)),
				Arguments.of("duplicate keys", 400,
						"{\"user\":{\"username\":\"a\",\"username\":\"b\",\"email\":\"a@example.com\",\"password\":\"12345678\"}}"
							.getBytes(StandardCharsets.UTF_8)),
				Arguments.of("field name over 1 KiB", 400, signupWith("\"" + "n".repeat(1025) + "\":1")),
				Arguments.of("number over 64 digits", 400, signupWith("\"n\":1" + "0".repeat(64))),
				Arguments.of("trailing data", 400,
						(new String(signup("mallory"), StandardCharsets.UTF_8) + "{}")
							.getBytes(StandardCharsets.UTF_8)),
				Arguments.of("raw control character", 400,
						"{\"user\":{\"username\":\"mallory\",\"email\":\"m@example.com\",\"password\":\"1234\u00015678\"}}"
							.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void signupWhenBodyAtEveryLimitThenCreated() throws Exception {
		byte[] body = ("{\"user\":{\"username\":\"mallory\",\"email\":\"m@example.com\",\"password\":\"1234\\u00015678\","
				+ "\"" + "n".repeat(1024) + "\":1" + "0".repeat(63) + "}}")
			.getBytes(StandardCharsets.UTF_8);

		RawHttp.Response response = send("POST", "/users/signup/", "Content-Type: application/json\r\n", body);

		assertThat(response.status()).isEqualTo(201);
		assertThat(this.jdbc.sql("select count(*) from users").query(Long.class).single()).isEqualTo(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileBodies")
	void hostileBodyThen4xxInEnvelopeAndNothingWritten(String description, int status, byte[] body,
			CapturedOutput output) throws Exception {
		RawHttp.Response response = send("POST", "/users/signup/", "Content-Type: application/json\r\n", body);

		assertThat(response.status()).isEqualTo(status);
		assertThat(response.body()).startsWith("{\"user\":{\"errors\":{");
		assertThat(this.jdbc.sql("select count(*) from users").query(Long.class).single()).isOne();
		assertThat(output).doesNotContain(" ERROR ");
	}

	/**
	 * Text that one supported database stores and another refuses or alters: NUL, which
	 * PostgreSQL cannot store in text, and UTF-16 surrogates without their partner, which
	 * its driver silently turns into {@code ?}. {@code X} in each body is replaced by the
	 * JSON escape of the text.
	 */
	static Stream<Arguments> unstorableText() {
		String[][] requests = {
				{ "POST", "/users/signup/", "username",
						"{\"username\":\"maXl\",\"email\":\"m@example.com\",\"password\":\"12345678\"}" },
				{ "POST", "/users/signup/", "email",
						"{\"username\":\"mal\",\"email\":\"mXal@example.com\",\"password\":\"12345678\"}" },
				{ "POST", "/users/signup/", "password",
						"{\"username\":\"mal\",\"email\":\"m@example.com\",\"password\":\"1234X5678\"}" },
				{ "POST", "/users/signin/", "username", "{\"username\":\"johXn\",\"password\":\"12345678\"}" },
				{ "POST", "/users/signin/", "email", "{\"email\":\"johXn@example.com\",\"password\":\"12345678\"}" },
				{ "POST", "/users/signin/", "password", "{\"username\":\"john\",\"password\":\"1234X5678\"}" },
				{ "POST", "/users/update_current/", "username", "{\"username\":\"joXhn\"}" },
				{ "POST", "/users/update_current/", "email", "{\"email\":\"X@example.com\"}" },
				{ "POST", "/users/update_current/", "password",
						"{\"password\":\"abcdXefgh\",\"current_password\":\"12345678\"}" },
				{ "POST", "/users/update_current/", "current_password",
						"{\"password\":\"abcdefgh1\",\"current_password\":\"1234X5678\"}" },
				{ "PATCH", "/users/current/", "username", "{\"username\":\"X\"}" },
				{ "DELETE", "/users/current/", "password", "{\"password\":\"1234X5678\"}" },
				{ "PATCH", "/users/john/", "is_active", "{\"is_active\":\"X\"}" } };
		String[][] texts = { { "NUL", "\\u0000", NUL_MESSAGE },
				{ "lone high surrogate", "\\ud800", "Surrogate characters are not allowed: U+D800." },
				{ "lone low surrogate", "\\udfff", "Surrogate characters are not allowed: U+DFFF." },
				{ "surrogates in the wrong order", "\\udc00\\ud83d",
						"Surrogate characters are not allowed: U+DC00." } };
		return Stream.of(texts)
			.flatMap((text) -> Stream.of(requests)
				.map((request) -> Arguments.of(text[0] + " in " + request[2] + " of " + request[0] + " " + request[1],
						request[0], request[1], request[2], request[3].replace("X", text[1]), text[2])));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unstorableText")
	void textNoDatabaseCanStoreAlikeThen400UnderItsFieldAndNothingChanged(String description, String method,
			String path, String field, String user, String message, CapturedOutput output) throws Exception {
		this.jdbc.sql("update users set is_staff = true").update();
		List<String> before = rows();

		RawHttp.Response response = send(method, path,
				"Content-Type: application/json\r\nAuthorization: Token " + this.token + "\r\n",
				("{\"user\":" + user + "}").getBytes(StandardCharsets.UTF_8));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"user\":{\"errors\":{\"" + field + "\":[\"" + message + "\"]}}}");
		assertThat(rows()).isEqualTo(before);
		assertThat(output).doesNotContain(" ERROR ");
	}

	@Test
	void bodyInAnotherFormatThan415InEnvelopeAndNothingStored() throws Exception {
		String yaml = "user:\n  username: yam\n  email: yam@example.com\n  password: \"12345678\"\n";
		for (String type : new String[] { "application/yaml", "application/xml", "application/cbor" }) {
			RawHttp.Response response = send("POST", "/users/signup/", "Content-Type: " + type + "\r\n",
					yaml.getBytes(StandardCharsets.UTF_8));

			assertThat(response.status()).as(type).isEqualTo(415);
			assertThat((Object) JsonPath.read(response.body(), "$.user.errors.error")).as(type)
				.isEqualTo(List.of("Unsupported media type: send application/json."));
		}
		assertThat(this.jdbc.sql("select count(*) from users where username = 'yam'").query(Long.class).single())
			.isZero();
	}

	@Test
	void unstorableTextInSeveralFieldsThenEachReportedAtOnce() throws Exception {
		RawHttp.Response response = send("POST", "/users/signup/", "Content-Type: application/json\r\n",
				"{\"user\":{\"username\":\"a\\u0000\",\"email\":\"\\ud800@example.com\",\"password\":\"12345678\"}}"
					.getBytes(StandardCharsets.UTF_8));

		assertThat(response.status()).isEqualTo(400);
		assertThat((Object) JsonPath.read(response.body(), "$.user.errors.username")).isEqualTo(List.of(NUL_MESSAGE));
		assertThat((Object) JsonPath.read(response.body(), "$.user.errors.email"))
			.isEqualTo(List.of("Surrogate characters are not allowed: U+D800."));
	}

	@Test
	void pairedSurrogatesThenStoredAsTheCharacterTheyEncode() throws Exception {
		RawHttp.Response response = send("POST", "/users/signup/", "Content-Type: application/json\r\n",
				"{\"user\":{\"username\":\"emoji\",\"email\":\"e@example.com\",\"password\":\"1234\\ud83d\\ude00678\"}}"
					.getBytes(StandardCharsets.UTF_8));
		assertThat(response.status()).isEqualTo(201);

		RawHttp.Response signin = send("POST", "/users/signin/", "Content-Type: application/json\r\n",
				"{\"user\":{\"username\":\"emoji\",\"password\":\"1234\uD83D\uDE00678\"}}"
					.getBytes(StandardCharsets.UTF_8));
		assertThat(signin.status()).isEqualTo(200);
	}

	static Stream<Arguments> unstorableOutsideTheBody() {
		return Stream.of(Arguments.of("NUL in an account's path", "/users/jo%00hn/", "", "error"),
				Arguments.of("NUL in a query parameter", "/users/?page=0&q=a%00", "", "q"),
				Arguments.of("NUL in a query parameter's name", "/users/?a%00=1", "", "error"),
				Arguments.of("lone surrogate in a query parameter", "/users/?q=%ED%A0%80", "", null),
				Arguments.of("invalid UTF-8 in a query parameter", "/users/?q=%C3%28", "", "error"),
				Arguments.of("NUL in a header", "/users/", "X-Request-Id: a\u0000b\r\n", null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unstorableOutsideTheBody")
	void unstorableTextInPathQueryOrHeaderThen400InEnvelope(String description, String target, String header,
			String field, CapturedOutput output) throws Exception {
		this.jdbc.sql("update users set is_staff = true").update();

		RawHttp.Response response = send("GET", target, "Authorization: Token " + this.token + "\r\n" + header, null);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).startsWith("{\"user\":{\"errors\":{\"" + ((field != null) ? field : ""));
		assertThat(output).doesNotContain(" ERROR ");
	}

	private List<String> rows() {
		return this.jdbc
			.sql("select id, username, email, password_hash, is_active, is_staff, token_version from users order by id")
			.query((row, number) -> row.getLong(1) + "|" + row.getString(2) + "|" + row.getString(3) + "|"
					+ row.getString(4) + "|" + row.getBoolean(5) + "|" + row.getBoolean(6) + "|" + row.getInt(7))
			.list();
	}

	@Test
	void header16KilobytesThenRefusedInEnvelope(CapturedOutput output) throws Exception {
		RawHttp.Response response = send("POST", "/users/signup/",
				"Content-Type: application/json\r\nX-Padding: " + "p".repeat(16 * 1024) + "\r\n", signup("mallory"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"user\":{\"errors\":{\"error\":[\"Bad request.\"]}}}");
		assertThat(this.jdbc.sql("select count(*) from users").query(Long.class).single()).isOne();
		assertThat(output).doesNotContain(" ERROR ");
	}

	/** A valid signup of mallory, with one more field in the user. */
	private static byte[] signupWith(String field) {
		return ("{\"user\":{\"username\":\"mallory\",\"email\":\"m@example.com\",\"password\":\"12345678\"," + field
				+ "}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] signup(String username) {
		return ("{\"user\":{\"username\":\"" + username + "\",\"email\":\"m@example.com\",\"password\":\"12345678\"}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private String forge(String kind) throws Exception {
		byte[] secret = Base64.getDecoder().decode(this.secret);
		long now = Instant.now().getEpochSecond();
		String kid = TokenService.keyId(secret);
		String claims = "{\"id\":%d,\"sub\":\"%d\",\"ver\":0,\"iat\":%d,\"exp\":%d}".formatted(this.userId, this.userId,
				now, now + 600);
		return switch (kind) {
			case "valid" -> hmac("HS256", kid, claims, secret);
			case "none" -> base64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + base64(claims) + ".";
			case "HS384", "HS512" -> hmac(kind, kid, claims, secret);
			case "RS256" -> rsa(kid, claims);
			case "kid" -> hmac("HS256", "not-a-key", claims, secret);
			case "payload" -> {
				String[] parts = hmac("HS256", kid, claims, secret).split("\\.");
				yield parts[0] + "." + base64(claims.replace("\"ver\":0", "\"ver\":0 ")) + "." + parts[2];
			}
			case "signature" -> {
				String valid = hmac("HS256", kid, claims, secret);
				yield valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
			}
			case "no-exp" -> hmac("HS256", kid,
					"{\"id\":%d,\"sub\":\"%d\",\"ver\":0,\"iat\":%d}".formatted(this.userId, this.userId, now), secret);
			case "future" -> hmac("HS256", kid, "{\"id\":%d,\"sub\":\"%d\",\"ver\":0,\"iat\":%d,\"exp\":%d}"
				.formatted(this.userId, this.userId, now + 300, now + 900), secret);
			case "string-id" ->
				hmac("HS256", kid, claims.replace("\"id\":" + this.userId, "\"id\":\"" + this.userId + "\""), secret);
			case "not-json" -> hmac("HS256", kid, "not json at all", secret);
			default -> kind;
		};
	}

	private static String hmac(String algorithm, String kid, String claims, byte[] secret) throws Exception {
		String input = base64("{\"alg\":\"" + algorithm + "\",\"kid\":\"" + kid + "\"}") + "." + base64(claims);
		String jca = "Hmac" + algorithm.replace("HS", "SHA");
		Mac mac = Mac.getInstance(jca);
		mac.init(new SecretKeySpec(secret, jca));
		return input + "."
				+ Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
	}

	private static String rsa(String kid, String claims) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String input = base64("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}") + "." + base64(claims);
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initSign(generator.generateKeyPair().getPrivate());
		signature.update(input.getBytes(StandardCharsets.US_ASCII));
		return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private RawHttp.Response send(String method, String path, String headers, byte[] body) throws IOException {
		return RawHttp.send(this.port, null, method, path, headers, body);
	}

}
