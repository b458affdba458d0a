package dev.jwtauth.user;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jwtauth.mail.MailUnavailableException;
import dev.jwtauth.security.TokenPrincipal;
import dev.jwtauth.security.TokenService;
import dev.jwtauth.security.TokenSubject;
import dev.jwtauth.security.TokenSubjects;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * HTTP, security and error mapping of the user endpoints, through the real security
 * configuration and envelope converter.
 */
@UserWebMvcTest
class UserControllerTests {

	private static final long USER_ID = 7;

	private static final UserResponse JOHN = new UserResponse("test@email.net", "john", "issued-token");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private TokenService tokens;

	@Autowired
	private UserService service;

	@Autowired
	private SigninService signins;

	@Autowired
	private TokenSubjects subjects;

	@Value("${auth.token.secret}")
	private String secret;

	@BeforeEach
	void activeUser() {
		given(this.subjects.findById(USER_ID))
			.willReturn(Optional.of(new TokenSubject(USER_ID, "john", "test@email.net", true, false, false, 0)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/users/signup/", "/users/signup" })
	void signupWhenEnvelopeThenUnwrappedForTheServiceAnd201InEnvelope(String path) {
		given(this.service.signup(any(), any())).willReturn(JOHN);

		assertThat(
				post(path, "{\"user\":{\"username\":\"john\",\"password\":\"12345678\",\"email\":\"test@email.net\"}}"))
			.hasStatus(201)
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo(
					"{\"user\":{\"email\":\"test@email.net\",\"username\":\"john\",\"token\":\"issued-token\"}}");
		verify(this.service).signup(eq(new SignupRequest("john", "test@email.net", "12345678")), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/users/signin/", "/users/signin" })
	void signinWhenEnvelopeThen200(String path) {
		given(this.signins.signin(any(), any())).willReturn(JOHN);

		assertThat(post(path, "{\"user\":{\"username\":\"john\",\"password\":\"12345678\"}}")).hasStatus(200)
			.bodyJson()
			.extractingPath("$.user.token")
			.isEqualTo("issued-token");
	}

	@Test
	void signinWhenInvalidTokenPresentedThenIgnoredOnPublicEndpoint() {
		given(this.signins.signin(any(), any())).willReturn(JOHN);

		assertThat(this.mvc.post()
			.uri("/users/signin/")
			.header(HttpHeaders.AUTHORIZATION, "Token not-a-jwt")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"user\":{\"username\":\"john\",\"password\":\"12345678\"}}")).hasStatus(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/users/current/", "/users/current" })
	void currentWhenValidTokenThenUserWithThePresentedToken(String path) {
		String token = this.tokens.issue(USER_ID, 0);

		assertThat(this.mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Token " + token)).hasStatus(200)
			.bodyJson()
			.isStrictlyEqualTo(
					"{\"user\":{\"email\":\"test@email.net\",\"username\":\"john\",\"token\":\"" + token + "\"}}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer %s", "token %s", "BEARER %s" })
	void currentWhenSchemeIsBearerOrAnyCaseThenAccepted(String header) {
		String token = this.tokens.issue(USER_ID, 0);

		assertThat(this.mvc.get().uri("/users/current/").header(HttpHeaders.AUTHORIZATION, header.formatted(token)))
			.hasStatus(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/users/update_current/", "/users/update_current" })
	void updateCurrentWhenAuthenticatedThenServiceGetsTheTokensUser(String path) {
		given(this.service.update(any(), any(), any())).willReturn(JOHN);

		assertThat(authenticated(this.mvc.post().uri(path), "{\"user\":{\"email\":\"modified@email.net\"}}"))
			.hasStatus(200);
		verify(this.service).update(argThat(UserControllerTests::isTheTokensUser),
				eq(new UpdateRequest(null, "modified@email.net", null, null)),
				argThat((client) -> client.address().equals("127.0.0.1")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "PUT", "PATCH" })
	void currentWhenPutOrPatchThenSameAsUpdateCurrent(String method) {
		given(this.service.update(any(), any(), any())).willReturn(JOHN);

		assertThat(authenticated(
				this.mvc.method(org.springframework.http.HttpMethod.valueOf(method)).uri("/users/current/"),
				"{\"user\":{\"username\":\"johnny\"}}"))
			.hasStatus(200);
		verify(this.service).update(argThat(UserControllerTests::isTheTokensUser),
				eq(new UpdateRequest("johnny", null, null, null)),
				argThat((client) -> client.address().equals("127.0.0.1")));
	}

	@Test
	void currentWhenNoCredentialsThen401WithChallengeInEnvelope() {
		assertUnauthorized(this.mvc.get().uri("/users/current/").exchange(),
				"Authentication credentials were not provided.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Token", "Token a b", "Basic am9objpwdw==", "Token\tabc def" })
	void currentWhenHeaderHasNoSingleTokenThenNoCredentials(String header) {
		assertUnauthorized(this.mvc.get().uri("/users/current/").header(HttpHeaders.AUTHORIZATION, header).exchange(),
				"Authentication credentials were not provided.");
	}

	@Test
	void updateCurrentWhenNoCredentialsThen401AndServiceNotCalled() {
		assertUnauthorized(post("/users/update_current/", "{\"user\":{\"username\":\"x\"}}"),
				"Authentication credentials were not provided.");
		verify(this.service, never()).update(any(), any(), any());
	}

	@Test
	void currentWhenTokenMalformedThenInvalid() {
		assertUnauthorized(withToken("abc.def.ghi"), "Invalid token.");
	}

	@Test
	void currentWhenTokenExpiredThenSaysSo() {
		Date past = new Date(System.currentTimeMillis() - 3_600_000);
		byte[] secret = Base64.getDecoder().decode(this.secret);
		String token = Jwts.builder()
			.header()
			.keyId(TokenService.keyId(secret))
			.and()
			.claim("id", USER_ID)
			.subject(Long.toString(USER_ID))
			.claim("ver", 0)
			.issuedAt(new Date(past.getTime() - 60_000))
			.expiration(past)
			.signWith(Keys.hmacShaKeyFor(secret), Jwts.SIG.HS256)
			.compact();

		assertUnauthorized(withToken(token), "Token has expired.");
	}

	@Test
	void currentWhenTokenVersionIsOldThenRevoked() {
		given(this.subjects.findById(USER_ID))
			.willReturn(Optional.of(new TokenSubject(USER_ID, "john", "test@email.net", true, false, false, 1)));

		assertUnauthorized(withToken(this.tokens.issue(USER_ID, 0)), "Token has been revoked.");
	}

	@Test
	void currentWhenUserInactiveThenRefused() {
		given(this.subjects.findById(USER_ID))
			.willReturn(Optional.of(new TokenSubject(USER_ID, "john", "test@email.net", false, false, false, 0)));

		assertUnauthorized(withToken(this.tokens.issue(USER_ID, 0)), "User inactive or deleted.");
	}

	@Test
	void currentWhenUserDeletedThenRefused() {
		assertUnauthorized(withToken(this.tokens.issue(99, 0)), "User inactive or deleted.");
	}

	@Test
	void unknownPathWithoutCredentialsThen404InEnvelope() {
		assertThat(this.mvc.get().uri("/users/john/nope/")).hasStatus(404)
			.bodyJson()
			.isStrictlyEqualTo("{\"user\":{\"errors\":{\"error\":[\"Not found.\"]}}}");
		assertThat(this.mvc.post().uri("/").contentType(MediaType.APPLICATION_JSON).content("{}")).hasStatus(404);
	}

	@Test
	void wrongMethodThen405WithAllowInEnvelope() {
		assertThat(this.mvc.get().uri("/users/signup/")).hasStatus(405)
			.hasHeader(HttpHeaders.ALLOW, "POST")
			.bodyJson()
			.isStrictlyEqualTo("{\"user\":{\"errors\":{\"error\":[\"Method not allowed.\"]}}}");
	}

	@Test
	void wrongContentTypeThen415InEnvelope() {
		assertThat(this.mvc.post().uri("/users/signup/").contentType(MediaType.TEXT_PLAIN).content("{\"user\":{}}"))
			.hasStatus(415)
			.bodyJson()
			.extractingPath("$.user.errors.error")
			.asArray()
			.hasSize(1);
		assertThat(this.mvc.post().uri("/users/signup/").content("{\"user\":{}}")).hasStatus(415);
	}

	@Test
	void acceptWithoutJsonThenAnsweredInJsonAnyway() {
		given(this.signins.signin(any(), any())).willThrow(new BadCredentialsException());

		assertThat(this.mvc.post()
			.uri("/users/signin/")
			.accept(MediaType.TEXT_HTML)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"user\":{\"username\":\"john\",\"password\":\"wrong-pw\"}}")).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.extractingPath("$.user.errors.error[0]")
			.isEqualTo(Messages.BAD_CREDENTIALS);
	}

	@Test
	void bodyOver64KiBThen413InEnvelopeAndServiceNotCalled() {
		String body = "{\"user\":{\"username\":\"" + "x".repeat(70_000) + "\"}}";

		assertThat(post("/users/signup/", body)).hasStatus(413)
			.bodyJson()
			.isStrictlyEqualTo("{\"user\":{\"errors\":{\"error\":[\"Request body too large: at most 64 KiB.\"]}}}");
		verify(this.service, never()).signup(any(), any());
	}

	@Test
	void malformedOrMissingEnvelopeThen400AndServiceNotCalled() {
		assertThat(post("/users/signup/", "{\"user\":")).hasStatus(400)
			.bodyJson()
			.isStrictlyEqualTo("{\"user\":{\"errors\":{\"error\":[\"Malformed JSON.\"]}}}");
		assertThat(post("/users/signup/", "")).hasStatus(400)
			.bodyJson()
			.isStrictlyEqualTo("{\"user\":{\"errors\":{\"error\":[\"Expected a JSON object.\"]}}}");
		assertThat(post("/users/signup/", "[]")).hasStatus(400)
			.bodyJson()
			.isStrictlyEqualTo("{\"user\":{\"errors\":{\"error\":[\"Expected a JSON object.\"]}}}");
		assertThat(post("/users/signup/", "{\"username\":\"john\"}")).hasStatus(400)
			.bodyJson()
			.isStrictlyEqualTo("{\"user\":{\"errors\":{\"user\":[\"This field is required.\"]}}}");
		assertThat(post("/users/signup/", "{\"user\":\"john\"}")).hasStatus(400)
			.bodyJson()
			.isStrictlyEqualTo("{\"user\":{\"errors\":{\"user\":[\"Expected an object.\"]}}}");
		verify(this.service, never()).signup(any(), any());
	}

	@Test
	void validationFailureThen400WithSnakeCaseFieldKeys() {
		given(this.service.update(any(), any(), any())).willThrow(new UserValidationException(
				Map.of("currentPassword", List.of("This field is required."), "error", List.of("Other."))));

		assertThat(authenticated(this.mvc.post().uri("/users/update_current/"), "{\"user\":{\"password\":\"x\"}}"))
			.hasStatus(400)
			.bodyJson()
			.isStrictlyEqualTo("{\"user\":{\"errors\":{\"current_password\":[\"This field is required.\"],"
					+ "\"error\":[\"Other.\"]}}}");
	}

	@Test
	void badCredentialsThen400WithTheOriginalsMessage() {
		given(this.signins.signin(any(), any())).willThrow(new BadCredentialsException());

		assertThat(post("/users/signin/", "{\"user\":{\"username\":\"john\",\"password\":\"wrong-pw\"}}"))
			.hasStatus(400)
			.bodyJson()
			.isStrictlyEqualTo(
					"{\"user\":{\"errors\":{\"error\":[\"A user with this username and password was not found.\"]}}}");
	}

	@Test
	void signupWhenMailIsOffThen503InEnvelope() {
		given(this.service.signup(any(), any())).willThrow(new MailUnavailableException());

		assertThat(post("/users/signup/",
				"{\"user\":{\"username\":\"john\",\"password\":\"12345678\",\"email\":\"test@email.net\"}}"))
			.hasStatus(503)
			.bodyJson()
			.isStrictlyEqualTo("{\"user\":{\"errors\":{\"error\":"
					+ "[\"Mail is not configured on this server, so this cannot be done.\"]}}}");
	}

	@Test
	void unexpectedFailureThen500ThatEchoesNothing() {
		given(this.signins.signin(any(), any()))
			.willThrow(new IllegalStateException("jdbc:secret-detail SELECT * FROM users"));

		MvcTestResult result = post("/users/signin/", "{\"user\":{\"username\":\"john\",\"password\":\"12345678\"}}");

		assertThat(result).hasStatus(500)
			.bodyJson()
			.isStrictlyEqualTo("{\"user\":{\"errors\":{\"error\":[\"A server error occurred.\"]}}}");
	}

	private MvcTestResult post(String path, String json) {
		return this.mvc.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.getBytes(StandardCharsets.UTF_8))
			.exchange();
	}

	private MvcTestResult authenticated(MockMvcTester.MockMvcRequestBuilder request, String json) {
		return request.header(HttpHeaders.AUTHORIZATION, "Token " + this.tokens.issue(USER_ID, 0))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	private MvcTestResult withToken(String token) {
		return this.mvc.get().uri("/users/current/").header(HttpHeaders.AUTHORIZATION, "Token " + token).exchange();
	}

	private static void assertUnauthorized(MvcTestResult result, String message) {
		assertThat(result).hasStatus(401)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Token")
			.bodyJson()
			.isStrictlyEqualTo("{\"user\":{\"errors\":{\"error\":[\"" + message + "\"]}}}");
	}

	/** The principal of a token issued to {@code USER_ID} at its first token version. */
	private static boolean isTheTokensUser(TokenPrincipal principal) {
		return principal.id() == USER_ID && principal.tokenVersion() == 0;
	}

}
