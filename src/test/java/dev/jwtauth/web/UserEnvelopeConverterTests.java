package dev.jwtauth.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.http.MockHttpOutputMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UserEnvelopeConverterTests {

	private final UserEnvelopeConverter converter = new UserEnvelopeConverter();

	record Sample(String username, String currentPassword) {
	}

	@Test
	void writeWhenRecordThenWrappedInUserWithSnakeCaseFields() throws Exception {
		MockHttpOutputMessage output = new MockHttpOutputMessage();

		this.converter.write(new Sample("john", "secret"), MediaType.APPLICATION_JSON, output);

		assertThat(output.getBodyAsString(StandardCharsets.UTF_8))
			.isEqualTo("{\"user\":{\"username\":\"john\",\"current_password\":\"secret\"}}");
		assertThat(output.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
	}

	@Test
	void writeWhenErrorThenWrappedInUser() throws Exception {
		MockHttpOutputMessage output = new MockHttpOutputMessage();

		this.converter.write(new ErrorBody(Map.of("email", List.of("taken"))), MediaType.APPLICATION_JSON, output);

		assertThat(output.getBodyAsString(StandardCharsets.UTF_8))
			.isEqualTo("{\"user\":{\"errors\":{\"email\":[\"taken\"]}}}");
	}

	@Test
	void readWhenEnvelopeThenUnwrapsAndIgnoresUnknownFields() throws Exception {
		Object read = read("{\"user\":{\"username\":\"jöhn\",\"current_password\":\"pw\",\"extra\":1},\"other\":2}");

		assertThat(read).isEqualTo(new Sample("jöhn", "pw"));
	}

	@Test
	void readWhenUserMissingThenFieldErrorUnderUser() {
		assertReadFails("{\"username\":\"john\"}", "user", "This field is required.");
	}

	@Test
	void readWhenUserNotAnObjectThenFieldErrorUnderUser() {
		assertReadFails("{\"user\":\"john\"}", "user", "Expected an object.");
		assertReadFails("{\"user\":null}", "user", "Expected an object.");
		assertReadFails("{\"user\":[]}", "user", "Expected an object.");
	}

	@Test
	void readWhenTopLevelNotAnObjectThenNonFieldError() {
		assertReadFails("[{\"user\":{}}]", "error", "Expected a JSON object.");
		assertReadFails("\"user\"", "error", "Expected a JSON object.");
		assertReadFails("null", "error", "Expected a JSON object.");
	}

	@Test
	void readWhenMalformedThenNonFieldError() {
		assertReadFails("{\"user\":", "error", "Malformed JSON.");
		assertReadFails("{\"user\":{}} trailing", "error", "Malformed JSON.");
		assertReadFails("{\"user\":{\"username\":\"a\",\"username\":\"b\"}}", "error", "Malformed JSON.");
		assertReadFails("{\"user\":{\"username\":\"a\u0000b\"}}", "error", "Malformed JSON.");
	}

	@Test
	void readWhenNestedDeeperThanTheLimitThenNonFieldError() {
		String deep = "[".repeat(10_000) + "]".repeat(10_000);

		assertReadFails("{\"user\":{\"username\":" + deep + "}}", "error", "Malformed JSON.");
		assertReadFails("{\"user\":{\"username\":" + "[".repeat(UserEnvelopeConverter.MAX_NESTING_DEPTH)
				+ "]".repeat(UserEnvelopeConverter.MAX_NESTING_DEPTH) + "}}", "error", "Malformed JSON.");
	}

	@Test
	void readWhenInvalidUtf8ThenNonFieldError() {
		byte[] body = { '{', '"', 'u', 's', 'e', 'r', '"', ':', '{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"',
				':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '}' };

		assertThatExceptionOfType(EnvelopeReadException.class)
			.isThrownBy(() -> this.converter.read(Sample.class, new MockHttpInputMessage(body)))
			.satisfies((ex) -> assertThat(ex.toErrorBody().errors()).containsOnlyKeys("error"));
	}

	@Test
	void readWhenNumberOrObjectWhereStringBelongsThenFieldError() {
		assertReadFails("{\"user\":{\"username\":5}}", "username", "Not a valid string.");
		assertReadFails("{\"user\":{\"current_password\":true}}", "current_password", "Not a valid string.");
		assertReadFails("{\"user\":{\"username\":{\"a\":1}}}", "username", "Not a valid string.");
	}

	@Test
	void readWhenBodyOver64KiBThenTooLarge() {
		String padding = "x".repeat(UserEnvelopeConverter.MAX_BODY_BYTES);
		byte[] body = ("{\"user\":{\"username\":\"" + padding + "\"}}").getBytes(StandardCharsets.UTF_8);

		assertThatExceptionOfType(RequestBodyTooLargeException.class)
			.isThrownBy(() -> this.converter.read(Sample.class, new MockHttpInputMessage(body)));
	}

	@Test
	void readWhenBodyJustUnder64KiBThenRead() throws Exception {
		String prefix = "{\"user\":{\"username\":\"";
		String suffix = "\"}}";
		String padding = "x".repeat(UserEnvelopeConverter.MAX_BODY_BYTES - prefix.length() - suffix.length());

		assertThat(read(prefix + padding + suffix)).isEqualTo(new Sample(padding, null));
	}

	@Test
	void canReadOnlyTheServicesRecordsAsJson() {
		assertThat(this.converter.canRead(Sample.class, MediaType.APPLICATION_JSON)).isTrue();
		assertThat(this.converter.canRead(Sample.class, MediaType.TEXT_PLAIN)).isFalse();
		assertThat(this.converter.canRead(String.class, MediaType.APPLICATION_JSON)).isFalse();
		assertThat(this.converter.canWrite(Map.class, MediaType.APPLICATION_JSON)).isFalse();
	}

	private Object read(String json) throws Exception {
		return this.converter.read(Sample.class, new MockHttpInputMessage(json.getBytes(StandardCharsets.UTF_8)));
	}

	private void assertReadFails(String json, String field, String message) {
		assertThatExceptionOfType(EnvelopeReadException.class).isThrownBy(() -> read(json))
			.satisfies((ex) -> assertThat(ex.toErrorBody().errors()).isEqualTo(Map.of(field, List.of(message))));
	}

}
