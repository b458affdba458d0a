package dev.jwtauth.ops;

import java.io.IOException;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's own metrics in Prometheus format, and who may read them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
class MetricsTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	private String staffToken;

	@BeforeEach
	void staff() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
		this.staffToken = token(post("/users/signup/",
				"{\"user\":{\"username\":\"ops\",\"email\":\"ops@example.com\",\"password\":\"12345678\"}}", 201));
		this.jdbc.sql("update users set is_staff = true").update();
	}

	@Test
	void prometheusThenAuthenticationCountersAndHashTimers() {
		String before = prometheus(this.staffToken);
		post("/users/signup/",
				"{\"user\":{\"username\":\"new\",\"email\":\"new@example.com\",\"password\":\"12345678\"}}", 201);
		post("/users/signin/", "{\"user\":{\"username\":\"ops\",\"password\":\"12345678\"}}", 200);
		for (int i = 0; i < 5; i++) {
			post("/users/signin/", "{\"user\":{\"username\":\"ops\",\"password\":\"wrong-password\"}}", 400);
		}
		post("/users/signin/", "{\"user\":{\"username\":\"ops\",\"password\":\"12345678\"}}", 429);
		current(null);
		current("not-a-token");
		current(this.staffToken.substring(0, this.staffToken.length() - 3) + "abc");

		String after = prometheus(this.staffToken);

		assertThat(increase(before, after, "auth_signups_total")).isEqualTo(1);
		assertThat(increase(before, after, "auth_signins_total{outcome=\"success\"}")).isEqualTo(1);
		assertThat(increase(before, after, "auth_signins_total{outcome=\"bad_credentials\"}")).isEqualTo(5);
		assertThat(increase(before, after, "auth_signins_total{outcome=\"throttled\"}")).isEqualTo(1);
		assertThat(increase(before, after, "auth_token_rejections_total{reason=\"missing\"}")).isEqualTo(1);
		assertThat(increase(before, after, "auth_token_rejections_total{reason=\"malformed\"}")).isEqualTo(1);
		assertThat(increase(before, after, "auth_token_rejections_total{reason=\"bad_signature\"}")).isEqualTo(1);
		assertThat(increase(before, after, "auth_password_hashing_seconds_count{operation=\"hash\"}")).isEqualTo(1);
		assertThat(increase(before, after, "auth_password_hashing_seconds_count{operation=\"verify\"}")).isEqualTo(6);
	}

	/**
	 * How much a series grew between two scrapes; a series not yet scraped counts as 0.
	 */
	private static double increase(String before, String after, String series) {
		return value(after, series) - value(before, series);
	}

	private static double value(String scrape, String series) {
		return scrape.lines()
			.filter((line) -> line.startsWith(series + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(series.length() + 1).strip()))
			.findFirst()
			.orElse(0);
	}

	@Test
	void actuatorBeyondHealthThenStaffOnly() {
		String user = token(post("/users/signup/",
				"{\"user\":{\"username\":\"dev\",\"email\":\"dev@example.com\",\"password\":\"12345678\"}}", 201));

		this.client.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, "Token " + user)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	@Test
	void healthWhenNoSuchGroupOrComponentThen404InTheEnvelope() {
		for (String path : new String[] { "/actuator/health/nothing", "/actuator/health/liveness/nothing",
				"/actuator/health/readiness/db/nothing" }) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
				.expectBody(String.class)
				.isEqualTo("{\"user\":{\"errors\":{\"error\":[\"Not found.\"]}}}");
		}
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	/**
	 * The commit is known when the build ran in a git checkout; a build from a source
	 * archive has none to show.
	 */
	@Test
	void infoThenBuildVersionAndTheCommitBuiltWhenKnown() throws IOException {
		String info = this.client.get()
			.uri("/actuator/info")
			.header(HttpHeaders.AUTHORIZATION, "Token " + this.staffToken)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();

		assertThat(JsonPath.<String>read(info, "$.build.version")).isNotEmpty();
		ClassPathResource git = new ClassPathResource("git.properties");
		String commit = git.exists() ? PropertiesLoaderUtils.loadProperties(git).getProperty("git.commit.id") : null;
		if (commit != null) {
			assertThat(commit).startsWith(JsonPath.<String>read(info, "$.git.commit.id"));
		}
		else {
			assertThat(info).doesNotContain("\"commit\"");
		}
	}

	private String prometheus(String token) {
		return this.client.get()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, "Token " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
	}

	private void current(String token) {
		var request = this.client.get().uri("/users/current/");
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Token " + token);
		}
		request.exchange().expectStatus().isUnauthorized();
	}

	private String post(String path, String json, int status) {
		return this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.returnResult(String.class)
			.getResponseBody();
	}

	private static String token(String body) {
		return JsonPath.read(body, "$.user.token");
	}

}
