package dev.jwtauth.ops;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator moved to another base path keeps its rules there: health public, the rest for
 * staff, and the container's health check finds it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.base-path=/manage")
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
class ActuatorBasePathTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@LocalServerPort
	private int port;

	private String userToken;

	@BeforeEach
	void user() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
		this.userToken = JsonPath.read(this.client.post()
			.uri("/users/signup/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"dev\",\"email\":\"dev@example.com\",\"password\":\"12345678\"}}")
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(String.class)
			.getResponseBody(), "$.user.token");
	}

	@Test
	void healthWhenMovedThenPublicThere() {
		this.client.get().uri("/manage/health/liveness").exchange().expectStatus().isOk();
		this.client.get().uri("/manage/health/readiness").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/manage/health/nothing")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.isEqualTo("{\"user\":{\"errors\":{\"error\":[\"Not found.\"]}}}");
	}

	@Test
	void restWhenMovedThenStaffOnlyThere() {
		for (String path : new String[] { "/manage/metrics", "/manage/prometheus", "/manage/info", "/manage" }) {
			this.client.get().uri(path).exchange().expectStatus().isUnauthorized();
			this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, "Token " + this.userToken)
				.exchange()
				.expectStatus()
				.isForbidden();
		}
		this.jdbc.sql("update users set is_staff = true").update();
		this.client.get()
			.uri("/manage/prometheus")
			.header(HttpHeaders.AUTHORIZATION, "Token " + this.userToken)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void healthProbeWhenBasePathGivenThenFindsItThere() {
		assertThat(HealthProbe.isLive(Integer.toString(this.port), "/manage")).isTrue();
		assertThat(HealthProbe.isLive(Integer.toString(this.port), "/manage/")).isTrue();
		assertThat(HealthProbe.isLive(Integer.toString(this.port), "/actuator")).isFalse();
	}

}
