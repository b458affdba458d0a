package dev.jwtauth.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.security.PublicEndpoint;
import dev.jwtauth.security.SecurityConfig;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Makes the generated OpenAPI document say what clients really send and receive. Each
 * handler declares its tag, summary, success and own error statuses with springdoc's
 * annotations, and whether it is public with {@link PublicEndpoint}; this adds what
 * follows from those facts alone: the {@code Token} scheme and 401 on protected
 * operations, the statuses every body or every request may meet, every body inside its
 * {@code {"user": ...}} envelope (or {@code {"users": [...]}}, or the key a record names
 * with {@code @JsonRootName}) with snake_case fields, and every error in the error
 * envelope. Paths are shown with their trailing slash, as the original service's clients
 * write them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@OpenAPIDefinition(
		info = @Info(title = "jwt-auth", version = "1",
				description = "JWT authentication: sign up, sign in, manage the current account. "
						+ "Every body is a {\"user\": ...} envelope, errors included, but lists, which are "
						+ "{\"users\": [...]} or {\"sessions\": [...]}, and the standard JWK Set of "
						+ "/.well-known/jwks.json. Every path also answers without its trailing slash."),
		servers = @Server(url = "/", description = "This service"),
		tags = { @io.swagger.v3.oas.annotations.tags.Tag(name = "Account"),
				@io.swagger.v3.oas.annotations.tags.Tag(name = "Tokens"),
				@io.swagger.v3.oas.annotations.tags.Tag(name = "Administration") })
class ApiDocumentation {

	static final String SCHEME = "Token";

	private static final String ERROR_SCHEMA = "ErrorEnvelope";

	/** Where the standard documents are, in their standard forms: no envelope. */
	private static final String WELL_KNOWN = "/.well-known/";

	/** Carries a handler's {@link Order} from its operation to the sorting of paths. */
	private static final String ORDER = "x-order";

	/**
	 * Carries the key of a handler's answers, where {@link UserEnvelopeConverter} writes
	 * them under another than {@code "user"}, to the envelopes added once every operation
	 * is known.
	 */
	private static final String ENVELOPE_KEY = "x-envelope-key";

	/** Answers as if nothing were mapped to the path. */
	private static final HandlerInterceptor NOT_FOUND = new HandlerInterceptor() {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws NoResourceFoundException {
			throw new NoResourceFoundException(HttpMethod.valueOf(request.getMethod()), request.getRequestURI(),
					request.getRequestURI());
		}

	};

	/**
	 * The document and Swagger UI are served only while {@code API_DOCS_ENABLED} is true
	 * (the default) and springdoc's own switches ({@code springdoc.api-docs.enabled},
	 * {@code springdoc.swagger-ui.enabled}) are not false, as read at start: springdoc's
	 * beans exist either way when Spring AOT fixed at build time which beans do. Off,
	 * their paths answer 404 in the envelope, as any unknown path.
	 */
	@Bean
	WebMvcConfigurer documentationSwitch(Environment environment) {
		boolean document = isOn(environment, "auth.api-docs.enabled")
				&& isOn(environment, "springdoc.api-docs.enabled");
		boolean swaggerUi = document && isOn(environment, "springdoc.swagger-ui.enabled");
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				if (!document) {
					registry.addInterceptor(NOT_FOUND).addPathPatterns(SecurityConfig.DOCUMENTATION_PATHS);
				}
				else if (!swaggerUi) {
					registry.addInterceptor(NOT_FOUND).addPathPatterns(SecurityConfig.SWAGGER_UI_PATHS);
				}
			}

		};
	}

	private static boolean isOn(Environment environment, String setting) {
		return environment.getProperty(setting, Boolean.class, true);
	}

	@Bean
	OperationCustomizer handlerFacts() {
		return (operation, handler) -> {
			Order order = handler.getMethodAnnotation(Order.class);
			operation.addExtension(ORDER, (order != null) ? order.value() : Ordered.LOWEST_PRECEDENCE);
			MethodParameter returned = handler.getReturnType();
			Class<?> body = HttpEntity.class.isAssignableFrom(returned.getParameterType())
					? returned.nested().getNestedParameterType() : returned.getParameterType();
			String key = UserEnvelopeConverter.keyOf(body);
			if (!key.equals(UserEnvelopeConverter.KEY)) {
				operation.addExtension(ENVELOPE_KEY, key);
			}
			ApiResponses responses = operation.getResponses();
			if (!handler.hasMethodAnnotation(PublicEndpoint.class)) {
				operation.addSecurityItem(new SecurityRequirement().addList(SCHEME));
				responses.putIfAbsent("401", new ApiResponse()
					.description("No, invalid, expired or revoked token (WWW-Authenticate: Token)"));
			}
			if (hasBody(handler)) {
				responses.putIfAbsent("400", new ApiResponse().description("Malformed body; errors keyed by field"));
				responses.putIfAbsent("413", new ApiResponse().description("Body over 64 KiB"));
				responses.putIfAbsent("415", new ApiResponse().description("Content-Type is not application/json"));
			}
			else {
				responses.putIfAbsent("400", new ApiResponse().description("Malformed request"));
			}
			responses.putIfAbsent("405", new ApiResponse().description("Method not allowed on this path (Allow)"));
			responses.putIfAbsent("500", new ApiResponse().description("Unexpected failure"));
			responses.putIfAbsent("503", new ApiResponse().description("Database unavailable (Retry-After)"));
			return operation;
		};
	}

	@Bean
	OpenApiCustomizer envelopeDocumentation() {
		return (openApi) -> {
			Components components = openApi.getComponents();
			components.addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
				.in(SecurityScheme.In.HEADER)
				.name("Authorization")
				.description("Token <jwt> (or Bearer <jwt>), the token that signup, signin and updates return"));
			components.getSchemas().values().forEach(ApiDocumentation::snakeCase);
			components.addSchemas(ERROR_SCHEMA, errorEnvelope());
			openApi.setTags(tags(openApi.getTags()));
			List<String> tagOrder = openApi.getTags().stream().map(Tag::getName).toList();
			Map<String, Place> places = new LinkedHashMap<>();
			openApi.getPaths().forEach((path, item) -> places.put(path, Place.of(item, tagOrder)));
			Paths paths = new Paths();
			places.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach((place) -> {
				PathItem item = openApi.getPaths().get(place.getKey());
				if (!place.getKey().startsWith(WELL_KNOWN)) {
					item.readOperations().forEach(ApiDocumentation::envelopes);
				}
				paths.addPathItem(documentedPath(place.getKey()), item);
			});
			openApi.setPaths(paths);
		};
	}

	/**
	 * The tags in the order this class declares them, each once, with the description its
	 * controller gives it.
	 */
	private static List<Tag> tags(List<Tag> generated) {
		Map<String, Tag> tags = new LinkedHashMap<>();
		for (io.swagger.v3.oas.annotations.tags.Tag declared : ApiDocumentation.class
			.getAnnotation(OpenAPIDefinition.class)
			.tags()) {
			tags.put(declared.name(), new Tag().name(declared.name()));
		}
		if (generated != null) {
			generated.forEach((tag) -> {
				Tag known = tags.computeIfAbsent(tag.getName(), (name) -> new Tag().name(name));
				if (tag.getDescription() != null && !tag.getDescription().isEmpty()) {
					known.setDescription(tag.getDescription());
				}
			});
		}
		return new ArrayList<>(tags.values());
	}

	/**
	 * A path's place in the document: its tag's, then its operations' first
	 * {@link Order}.
	 */
	private record Place(int tag, int order) implements Comparable<Place> {

		static Place of(PathItem item, List<String> tagOrder) {
			int tag = Integer.MAX_VALUE;
			int order = Integer.MAX_VALUE;
			for (Operation operation : item.readOperations()) {
				if (operation.getTags() != null && tagOrder.contains(operation.getTags().get(0))) {
					tag = Math.min(tag, tagOrder.indexOf(operation.getTags().get(0)));
				}
				Object declared = (operation.getExtensions() != null) ? operation.getExtensions().remove(ORDER) : null;
				order = (declared instanceof Integer value) ? Math.min(order, value) : order;
			}
			return new Place(tag, order);
		}

		@Override
		public int compareTo(Place other) {
			return Comparator.comparingInt(Place::tag).thenComparingInt(Place::order).compare(this, other);
		}

	}

	/**
	 * A path with its trailing slash, but a standard document's, such as the JWK Set's,
	 * which is known by its name.
	 */
	private static String documentedPath(String path) {
		return (path.endsWith("/") || path.startsWith(WELL_KNOWN)) ? path : path + "/";
	}

	private static boolean hasBody(HandlerMethod handler) {
		return Arrays.stream(handler.getMethodParameters())
			.anyMatch((parameter) -> parameter.hasParameterAnnotation(RequestBody.class));
	}

	private static void envelopes(Operation operation) {
		Object key = (operation.getExtensions() != null) ? operation.getExtensions().remove(ENVELOPE_KEY) : null;
		String responseKey = (key instanceof String name) ? name : UserEnvelopeConverter.KEY;
		if (operation.getRequestBody() != null) {
			operation.getRequestBody()
				.getContent()
				.values()
				.forEach((media) -> media.schema(envelope(media.getSchema(), UserEnvelopeConverter.KEY)));
		}
		ApiResponses responses = new ApiResponses();
		operation.getResponses().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((status) -> {
			ApiResponse response = status.getValue();
			if (status.getKey().startsWith("4") || status.getKey().startsWith("5")) {
				response.content(new Content().addMediaType("application/json",
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))));
			}
			else if (response.getContent() != null) {
				response.getContent()
					.values()
					.forEach((media) -> media.schema(envelope(media.getSchema(), responseKey)));
			}
			responses.addApiResponse(status.getKey(), response);
		});
		operation.setResponses(responses);
	}

	/**
	 * {@code body} in its envelope, under the key {@link UserEnvelopeConverter} gives it.
	 */
	private static Schema<?> envelope(Schema<?> body, String key) {
		if (body == null) {
			return null;
		}
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
