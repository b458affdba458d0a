package dev.jwtauth.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the generated OpenAPI document say what clients really send and receive: every
 * body inside its {@code {"user": ...}} (or {@code {"users": [...]}}) envelope with
 * snake_case fields, every error status in the error envelope, and the {@code Token}
 * scheme on protected endpoints.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiDocumentation {

	static final String SCHEME = "Token";

	private static final Set<String> PUBLIC_PATHS = Set.of("/users/signup", "/users/signup/", "/users/signin",
			"/users/signin/");

	private static final String ERROR_SCHEMA = "ErrorEnvelope";

	@Bean
	OpenApiCustomizer envelopeDocumentation() {
		return (openApi) -> {
			openApi.info(new Info().title("jwt-auth")
				.description("JWT authentication: sign up, sign in, manage the current account. "
						+ "Every body is a {\"user\": ...} envelope, errors included.")
				.version("1"));
			Components components = openApi.getComponents();
			components.addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
				.in(SecurityScheme.In.HEADER)
				.name("Authorization")
				.description("Token <jwt> (or Bearer <jwt>), the token that signup, signin and updates return"));
			components.getSchemas().values().forEach(ApiDocumentation::snakeCase);
			components.addSchemas(ERROR_SCHEMA, errorEnvelope());
			openApi.getPaths()
				.forEach((path, item) -> item.readOperationsMap()
					.forEach((method, operation) -> document(path, method, operation)));
		};
	}

	private static void document(String path, PathItem.HttpMethod method, Operation operation) {
		boolean hasBody = operation.getRequestBody() != null;
		if (hasBody) {
			operation.getRequestBody()
				.getContent()
				.values()
				.forEach((media) -> media.schema(envelope(media.getSchema())));
		}
		operation.getResponses().values().forEach((response) -> {
			if (response.getContent() != null) {
				response.getContent().values().forEach((media) -> media.schema(envelope(media.getSchema())));
			}
		});
		Map<String, String> errors = new LinkedHashMap<>();
		if (hasBody) {
			errors.put("400", "Invalid body or fields; field-keyed errors");
			errors.put("413", "Body over 64 KiB");
			errors.put("415", "Content-Type is not application/json");
		}
		else {
			errors.put("400", "Malformed request");
		}
		if (!PUBLIC_PATHS.contains(path)) {
			operation.addSecurityItem(new SecurityRequirement().addList(SCHEME));
			errors.put("401", "No, invalid, expired or revoked token (WWW-Authenticate: Token)");
		}
		if (path.startsWith("/users/{account}") || path.equals("/users") || path.equals("/users/")) {
			errors.put("403", "Not staff (or, to change staff or a superuser, not a superuser)");
		}
		if (path.startsWith("/users/{account}")) {
			errors.put("404", "No such account");
		}
		if (path.startsWith("/users/signin")) {
			errors.put("429", "Too many failed signins from this client (Retry-After)");
		}
		errors.put("405", "Method not allowed on this path (Allow)");
		errors.put("500", "Unexpected failure");
		errors.put("503",
				checksPasswords(path, method)
						? "Database unavailable, or too many password checks at once (Retry-After)"
						: "Database unavailable (Retry-After)");
		errors
			.forEach((status, description) -> operation.getResponses()
				.putIfAbsent(status, new ApiResponse().description(description)
					.content(new Content().addMediaType("application/json",
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))))));
	}

	/** Whether the operation may hash a password, and so wait for a hashing slot. */
	private static boolean checksPasswords(String path, PathItem.HttpMethod method) {
		return path.startsWith("/users/signin") || path.startsWith("/users/signup")
				|| path.startsWith("/users/update_current")
				|| (path.startsWith("/users/current") && method != PathItem.HttpMethod.GET);
	}

	private static Schema<?> envelope(Schema<?> body) {
		if (body == null) {
			return null;
		}
		boolean list = body instanceof ArraySchema || "array".equals(body.getType());
		String key = list ? UserEnvelopeConverter.LIST_KEY : UserEnvelopeConverter.KEY;
		return new ObjectSchema().addProperty(key, body).required(List.of(key));
	}

	private static Schema<?> errorEnvelope() {
		Schema<?> messages = new ArraySchema().items(new StringSchema());
		Schema<?> errors = new ObjectSchema().additionalProperties(messages)
			.description("Messages by request field; those of no field under \"error\"");
		return new ObjectSchema()
			.addProperty(UserEnvelopeConverter.KEY,
					new ObjectSchema().addProperty("errors", errors).required(List.of("errors")))
			.required(List.of(UserEnvelopeConverter.KEY));
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void snakeCase(Schema<?> schema) {
		if (schema.getProperties() != null) {
			Map<String, Schema> renamed = new LinkedHashMap<>();
			schema.getProperties()
				.forEach((name, property) -> renamed.put(UserEnvelopeConverter.fieldName(name), property));
			schema.setProperties(renamed);
		}
		if (schema.getRequired() != null) {
			schema.setRequired(schema.getRequired().stream().map(UserEnvelopeConverter::fieldName).toList());
		}
	}

}
