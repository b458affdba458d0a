package dev.jwtauth.web;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonRootName;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.util.StreamUtils;

/**
 * Reads and writes the service's bodies as {@code {"user": {...}}} envelopes with
 * snake_case fields: the request records and the responses of the service's own packages,
 * errors included. Malformed input is reported with the field it belongs to.
 */
final class UserEnvelopeConverter extends AbstractHttpMessageConverter<Object> {

	static final String KEY = "user";

	/** The key of a list of users. */
	private static final String LIST_KEY = "users";

	static final int MAX_BODY_BYTES = 64 * 1024;

	private static final String NOT_A_BOOLEAN = "Must be true or false.";

	private static final String APPLICATION_PACKAGE = "dev.jwtauth.";

	/** Deeper than any valid body: the envelope, the user, one level of values. */
	static final int MAX_NESTING_DEPTH = 16;

	private final JsonMapper mapper = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxDocumentLength(MAX_BODY_BYTES)
				.maxNestingDepth(MAX_NESTING_DEPTH)
				.maxStringLength(MAX_BODY_BYTES)
				.maxNameLength(1024)
				.maxNumberLength(64)
				.build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build())
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.withCoercionConfig(LogicalType.Textual,
				(coercion) -> coercion.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
		// A flag is a JSON true or false, as documented: "false" or 0 would otherwise
		// turn into one.
		.withCoercionConfig(LogicalType.Boolean,
				(coercion) -> coercion.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
		.build();

	UserEnvelopeConverter() {
		super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
	}

	/**
	 * The one key of a response body of {@code type}: {@code "user"}, {@code "users"} for
	 * a list of users, or the name a record gives itself with {@link JsonRootName}, such
	 * as {@code "sessions"}.
	 */
	static String keyOf(Class<?> type) {
		if (List.class.isAssignableFrom(type)) {
			return LIST_KEY;
		}
		JsonRootName name = type.getAnnotation(JsonRootName.class);
		return (name != null) ? name.value() : KEY;
	}

	/** The name a record property has in request and response bodies. */
	static String fieldName(String property) {
		return PropertyNamingStrategies.SNAKE_CASE.nameForField(null, null, property);
	}

	@Override
	protected boolean supports(Class<?> type) {
		return type.isRecord() && type.getName().startsWith(APPLICATION_PACKAGE);
	}

	@Override
	public boolean canWrite(Class<?> type, MediaType mediaType) {
		return (supports(type) || List.class.isAssignableFrom(type)) && canWrite(mediaType);
	}

	@Override
	protected Object readInternal(Class<?> type, HttpInputMessage input) throws IOException {
		JsonNode root = readTree(input);
		if (root == null || !root.isObject()) {
			throw new EnvelopeReadException(ErrorBody.NON_FIELD, "Expected a JSON object.", input);
		}
		JsonNode user = root.get(KEY);
		if (user == null) {
			throw new EnvelopeReadException(KEY, "This field is required.", input);
		}
		if (!user.isObject()) {
			throw new EnvelopeReadException(KEY, "Expected an object.", input);
		}
		refuseUnstorableText(type, user, input);
		rejectNullFlags(type, user, input);
		try {
			return this.mapper.treeToValue(user, type);
		}
		catch (MismatchedInputException ex) {
			String expected = (ex.getTargetType() == Boolean.class) ? NOT_A_BOOLEAN : "Not a valid string.";
			throw new EnvelopeReadException(fieldOf(ex), expected, input);
		}
		catch (JacksonException ex) {
			throw new EnvelopeReadException(ErrorBody.NON_FIELD, "Invalid request body.", input);
		}
	}

	/**
	 * A flag left out stays as it is; a flag given as null would silently do the same, so
	 * it is refused like any other value that is not true or false.
	 */
	private static void rejectNullFlags(Class<?> type, JsonNode user, HttpInputMessage input) {
		for (RecordComponent component : type.getRecordComponents()) {
			String field = fieldName(component.getName());
			if (component.getType() == Boolean.class && user.has(field) && user.get(field).isNull()) {
				throw new EnvelopeReadException(field, NOT_A_BOOLEAN, input);
			}
		}
	}

	private JsonNode readTree(HttpInputMessage input) throws IOException {
		if (input.getHeaders().getContentLength() > MAX_BODY_BYTES) {
			throw new RequestBodyTooLargeException(MAX_BODY_BYTES, input);
		}
		byte[] body;
		try (InputStream in = input.getBody()) {
			body = in.readNBytes(MAX_BODY_BYTES + 1);
		}
		if (body.length > MAX_BODY_BYTES) {
			throw new RequestBodyTooLargeException(MAX_BODY_BYTES, input);
		}
		try {
			return this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new EnvelopeReadException(ErrorBody.NON_FIELD, "Malformed JSON.", input);
		}
	}

	/**
	 * Checks every field the request record binds, so that text no database keeps as
	 * given is a 400 under its field wherever it appears; unknown fields stay ignored.
	 */
	private static void refuseUnstorableText(Class<?> type, JsonNode user, HttpInputMessage input) {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		for (RecordComponent component : type.getRecordComponents()) {
			String field = fieldName(component.getName());
			String problem = unstorableText(user.get(field));
			if (problem != null) {
				errors.put(field, List.of(problem));
			}
		}
		if (!errors.isEmpty()) {
			throw new EnvelopeReadException(errors, input);
		}
	}

	private static String unstorableText(JsonNode value) {
		if (value == null) {
			return null;
		}
		if (value.isString()) {
			return StorableText.problem(value.stringValue());
		}
		for (JsonNode element : value.values()) {
			String problem = unstorableText(element);
			if (problem != null) {
				return problem;
			}
		}
		return null;
	}

	private static String fieldOf(MismatchedInputException ex) {
		return ex.getPath()
			.stream()
			.map(JacksonException.Reference::getPropertyName)
			.filter((name) -> name != null)
			.findFirst()
			.orElse(ErrorBody.NON_FIELD);
	}

	@Override
	protected void writeInternal(Object body, HttpOutputMessage output) throws IOException {
		this.mapper.writeValue(StreamUtils.nonClosing(output.getBody()), Map.of(keyOf(body.getClass()), body));
	}

}
