package dev.jwtauth.web;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document against the contract: every endpoint with every status the
 * contract gives it, bodies in their envelopes, and the Token scheme where it applies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
class ApiDocumentationTests {

	/** The contract: method and path, then the statuses it answers. */
	private static final Map<String, List<String>> CONTRACT = Map.ofEntries(
			Map.entry("post /users/signup/", List.of("201", "400", "405", "413", "415", "500", "503")),
			Map.entry("post /users/signin/", List.of("200", "400", "405", "413", "415", "429", "500", "503")),
			Map.entry("post /users/update_current/", List.of("200", "400", "401", "405", "413", "415", "429", "503")),
			Map.entry("put /users/current/", List.of("200", "400", "401", "413", "415", "429", "503")),
			Map.entry("patch /users/current/", List.of("200", "400", "401", "413", "415", "429", "503")),
			Map.entry("get /users/current/", List.of("200", "401", "503")),
			Map.entry("delete /users/current/", List.of("204", "400", "401", "415", "429", "503")),
			Map.entry("post /users/signout/", List.of("204", "401", "503")),
			Map.entry("post /users/password_reset/", List.of("202", "400", "413", "415", "429", "503")),
			Map.entry("post /users/password_reset/confirm/", List.of("200", "400", "413", "415", "503")),
			Map.entry("post /users/verify_email/", List.of("202", "400", "401", "429", "503")),
			Map.entry("post /users/verify_email/confirm/", List.of("200", "400", "413", "415", "503")),
			Map.entry("get /.well-known/jwks.json", List.of("200", "304")),
			Map.entry("post /users/token/refresh/", List.of("200", "400", "413", "415")),
			Map.entry("get /users/sessions/", List.of("200", "401")),
			Map.entry("delete /users/sessions/{id}/", List.of("204", "401", "404")),
			Map.entry("get /users/", List.of("200", "400", "401", "403", "503")),
			Map.entry("get /users/{account}/", List.of("200", "401", "403", "404", "503")),
			Map.entry("patch /users/{account}/", List.of("200", "400", "401", "403", "404", "503")));

	@Autowired
	private RestTestClient client;

	@Test
	void documentThenEveryEndpointAndStatusOfTheContract() {
		String document = document();

		CONTRACT.forEach((endpoint, statuses) -> {
			String[] parts = endpoint.split(" ");
			Map<String, Object> responses = JsonPath.read(document,
					"$.paths['" + parts[1] + "']." + parts[0] + ".responses");
			assertThat(responses).as(endpoint).containsKeys(statuses.toArray(String[]::new));
		});
		assertThat(JsonPath.<String>read(document, "$.openapi")).startsWith("3.1");
	}

	@Test
	void documentThenEachOperationOnceUnderItsTagInTheOrderClientsUseThem() {
		String document = document();

		assertThat(JsonPath.<List<String>>read(document, "$.tags[*].name")).containsExactly("Account", "Tokens",
				"Administration");
		assertThat(JsonPath.<Map<String, Object>>read(document, "$.paths").keySet()).containsExactly("/users/signup/",
				"/users/signin/", "/users/current/", "/users/update_current/", "/users/signout/",
				"/users/password_reset/", "/users/password_reset/confirm/", "/users/verify_email/",
				"/users/verify_email/confirm/", "/.well-known/jwks.json", "/users/token/refresh/", "/users/sessions/",
				"/users/sessions/{id}/", "/users/", "/users/{account}/");
		assertThat(JsonPath.<List<String>>read(document, "$.paths['/users/signin/'].post.tags"))
			.containsExactly("Account");
		assertThat(JsonPath.<List<String>>read(document, "$.paths['/users/{account}/'].patch.tags"))
			.containsExactly("Administration");
		assertThat(JsonPath.<String>read(document, "$.paths['/users/signin/'].post.summary")).isNotBlank();
	}

	@Test
	void documentThenBodiesInTheirEnvelopesWithSnakeCaseFields() {
		String document = document();

		assertThat(JsonPath.<String>read(document,
				"$.paths['/users/update_current/'].post.requestBody.content['application/json'].schema.properties.user['$ref']"))
			.isEqualTo("#/components/schemas/UpdateRequest");
		assertThat(JsonPath.<Map<String, Object>>read(document, "$.components.schemas.UpdateRequest.properties"))
			.containsKey("current_password");
		assertThat(JsonPath.<String>read(document,
				"$.paths['/users/signup/'].post.responses['201'].content['application/json'].schema.properties.user['$ref']"))
			.isEqualTo("#/components/schemas/UserResponse");
		assertThat(JsonPath.<Map<String, Object>>read(document,
				"$.paths['/users/'].get.responses['200'].content['application/json'].schema.properties"))
			.containsKey("users");
		assertThat(JsonPath.<Map<String, Object>>read(document,
				"$.paths['/users/sessions/'].get.responses['200'].content['application/json'].schema.properties"))
			.containsOnlyKeys("sessions");
		assertThat(document).doesNotContain("x-envelope-key");
		assertThat(JsonPath.<String>read(document,
				"$.paths['/users/sessions/'].get.responses['200'].content['application/json'].schema.properties.sessions.items['$ref']"))
			.isEqualTo("#/components/schemas/SessionView");
		assertThat(JsonPath.<String>read(document,
				"$.paths['/users/signin/'].post.responses['400'].content['application/json'].schema['$ref']"))
			.isEqualTo("#/components/schemas/ErrorEnvelope");
		assertThat(JsonPath.<List<String>>read(document,
				"$.paths['/.well-known/jwks.json'].get.responses['200'].content['application/json'].schema.required"))
			.as("the standard JWK Set, no envelope")
			.containsExactly("keys");
	}

	@Test
	void documentThenTokenSchemeOnProtectedEndpointsOnly() {
		String document = document();

		assertThat(JsonPath.<String>read(document, "$.components.securitySchemes.Token.name"))
			.isEqualTo("Authorization");
		assertThat(JsonPath.<List<Object>>read(document, "$.paths['/users/current/'].get.security")).isNotEmpty();
		assertThat(JsonPath.<Map<String, Object>>read(document, "$.paths['/users/signin/'].post"))
			.doesNotContainKey("security");
	}

	@Test
	void documentWhenAskedAsYamlWithoutTokenThenServed() {
		String yaml = this.client.get()
			.uri("/v3/api-docs.yaml")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();

		assertThat(yaml).startsWith("openapi: 3.1").contains("/users/signin/:");
	}

	@Test
	void documentWhenHostHeaderForgedThenServerStaysRelative() {
		String document = this.client.get()
			.uri("/v3/api-docs")
			.header("Host", "evil.example")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();

		assertThat(JsonPath.<List<String>>read(document, "$.servers[*].url")).containsExactly("/");
	}

	@Test
	void swaggerUiThenServed() {
		this.client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
	}

	private String document() {
		return this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
	}

}
