package dev.jwtauth.ops;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Actuator moved under the public documentation's paths keeps its own rules: the
 * documentation's do not open it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.base-path=/swagger-ui")
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
class ActuatorUnderDocumentationPathTests {

	@Autowired
	private RestTestClient client;

	@ParameterizedTest
	@ValueSource(strings = { "/swagger-ui", "/swagger-ui/metrics", "/swagger-ui/prometheus", "/swagger-ui/info" })
	void endpointWhenUnderTheDocumentationThenStillStaffOnly(String path) {
		this.client.get().uri(path).exchange().expectStatus().isUnauthorized();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/swagger-ui/health", "/swagger-ui/health/liveness" })
	void healthWhenUnderTheDocumentationThenPublic(String path) {
		this.client.get().uri(path).exchange().expectStatus().isOk();
	}

}
