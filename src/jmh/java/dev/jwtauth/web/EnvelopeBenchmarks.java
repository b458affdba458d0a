package dev.jwtauth.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import org.springframework.http.MediaType;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.http.MockHttpOutputMessage;

/**
 * Writing a user response and reading a signup request through the envelope converter,
 * as every request with a body and every response does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnvelopeBenchmarks {

	/** Shaped as the responses of signup, signin and the current user. */
	record Account(String email, String username, String token) {
	}

	/** Shaped as a signup request. */
	record Signup(String username, String email, String password) {
	}

	private static final Account ACCOUNT = new Account("john@example.com", "john",
			"eyJraWQiOiJhYmNkZWZnaGlqa2wiLCJhbGciOiJIUzI1NiJ9.eyJqdGkiOiI0ZjFjNmYzYS0xYjJjLTRkNWUtOGY5MC0xMjM0NTY3ODlhYm"
					+ "MiLCJpZCI6NDIsInN1YiI6IjQyIiwidmVyIjowLCJpYXQiOjE3NjQ0ODMyMDAsImV4cCI6MTc2NDU2OTYwMH0.c2lnbmF0dXJl");

	private static final byte[] SIGNUP = "{\"user\":{\"username\":\"john\",\"email\":\"john@example.com\",\"password\":\"12345678\"}}"
		.getBytes(StandardCharsets.UTF_8);

	private final UserEnvelopeConverter converter = new UserEnvelopeConverter();

	@Benchmark
	public ByteArrayOutputStream writeResponse() throws IOException {
		MockHttpOutputMessage output = new MockHttpOutputMessage();
		this.converter.write(ACCOUNT, MediaType.APPLICATION_JSON, output);
		return (ByteArrayOutputStream) output.getBody();
	}

	@Benchmark
	public Object readRequest() throws IOException {
		MockHttpInputMessage input = new MockHttpInputMessage(SIGNUP);
		input.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		return this.converter.read(Signup.class, input);
	}

}
