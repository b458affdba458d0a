package dev.jwtauth.user;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-origin requests from browsers: refused unless the origin is configured.
 */
class CorsTests {

	private static MvcTestResult preflight(MockMvcTester mvc, String origin) {
		return mvc.options()
			.uri("/users/signin/")
			.header(HttpHeaders.ORIGIN, origin)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type,authorization")
			.exchange();
	}

	@Nested
	@UserWebMvcTest
	class ByDefault {

		@Autowired
		private MockMvcTester mvc;

		@Test
		void preflightThenNoCorsHeadersSoBrowsersRefuse() {
			MvcTestResult result = preflight(this.mvc, "https://app.example");

			assertThat(result).doesNotContainHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		}

	}

	@Nested
	@UserWebMvcTest
	@TestPropertySource(properties = "auth.cors.allowed-origins=https://app.example,https://admin.example")
	class WithAllowedOrigins {

		@Autowired
		private MockMvcTester mvc;

		@Test
		void preflightFromAllowedOriginThenAllowedWithoutCredentials() {
			MvcTestResult result = preflight(this.mvc, "https://app.example");

			assertThat(result).hasStatusOk()
				.hasHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example")
				.doesNotContainHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
			assertThat(result.getResponse().getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS)).contains("POST");
			assertThat(result.getResponse().getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS))
				.containsIgnoringCase("authorization");
			assertThat(result).hasHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "3600");
		}

		@Test
		void preflightFromOtherOriginThenRefused() {
			MvcTestResult result = preflight(this.mvc, "https://evil.example");

			assertThat(result).hasStatus(403)
				.doesNotContainHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
				.bodyJson()
				.isStrictlyEqualTo(
						"{\"user\":{\"errors\":{\"error\":[\"You do not have permission to perform this action.\"]}}}");
		}

		@Test
		void requestFromAllowedOriginThenAnswerCarriesTheOrigin() {
			MvcTestResult result = this.mvc.get()
				.uri("/users/current/")
				.header(HttpHeaders.ORIGIN, "https://admin.example")
				.exchange();

			assertThat(result).hasStatus(401)
				.hasHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://admin.example");
		}

	}

}
