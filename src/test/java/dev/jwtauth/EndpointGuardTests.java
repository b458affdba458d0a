package dev.jwtauth;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import dev.jwtauth.security.PublicEndpoint;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps of adding an endpoint that nothing else would catch: every handler of the
 * service is protected unless it declares itself a {@link PublicEndpoint}, and documents
 * itself (tag, summary, its statuses) so that the API document shows it once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@org.junit.jupiter.api.Tag("slow")
class EndpointGuardTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping handlerMapping;

	@Autowired
	private RestTestClient client;

	@Test
	void anonymousRequestWhenEndpointNotDeclaredPublicThen401() {
		List<Endpoint> endpoints = endpoints();
		assertThat(endpoints).extracting(Endpoint::method).contains("POST", "GET", "PUT", "PATCH", "DELETE");
		SoftAssertions softly = new SoftAssertions();
		for (Endpoint endpoint : endpoints) {
			for (String path : List.of(endpoint.examplePath(), endpoint.examplePath() + "/")) {
				EntityExchangeResult<String> answer = anonymous(endpoint.method(), path);
				if (endpoint.isPublic()) {
					softly.assertThat(answer.getStatus().value())
						.as("%s %s (public)", endpoint.method(), path)
						.isNotEqualTo(401);
				}
				else {
					softly.assertThat(answer.getStatus().value())
						.as("%s %s (protected: not declared @PublicEndpoint)", endpoint.method(), path)
						.isEqualTo(401);
					softly.assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
						.as("%s %s", endpoint.method(), path)
						.isEqualTo("Token");
				}
			}
		}
		softly.assertAll();
	}

	@Test
	void everyEndpointThenDeclaresItsTagSummaryAndStatuses() {
		SoftAssertions softly = new SoftAssertions();
		for (Endpoint endpoint : endpoints()) {
			Method handler = endpoint.handler().getMethod();
			String name = handler.getDeclaringClass().getSimpleName() + "." + handler.getName();
			softly.assertThat(AnnotatedElementUtils.findMergedAnnotation(handler.getDeclaringClass(), Tag.class))
				.as("%s: its controller's @Tag", name)
				.isNotNull();
			Operation operation = AnnotatedElementUtils.findMergedAnnotation(handler, Operation.class);
			softly.assertThat(operation).as("%s: @Operation", name).isNotNull();
			if (operation != null) {
				softly.assertThat(operation.summary()).as("%s: its summary", name).isNotBlank();
			}
			softly.assertThat(declaredStatuses(handler))
				.as("%s: @ApiResponse of its success status", name)
				.anyMatch((status) -> status.startsWith("2"));
		}
		softly.assertAll();
	}

	@Test
	void apiDocumentThenEveryEndpointOnceWithItsDeclaredStatuses() {
		String document = this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		Map<String, Map<String, Object>> paths = JsonPath.read(document, "$.paths");
		List<String> documented = new ArrayList<>();
		paths.forEach((path, item) -> item.keySet()
			.forEach((method) -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

		List<Endpoint> endpoints = endpoints();
		assertThat(documented).containsExactlyInAnyOrderElementsOf(
				endpoints.stream().map((endpoint) -> endpoint.method() + " " + endpoint.documentedPath()).toList());
		SoftAssertions softly = new SoftAssertions();
		for (Endpoint endpoint : endpoints) {
			String operation = "$.paths['" + endpoint.documentedPath() + "']."
					+ endpoint.method().toLowerCase(Locale.ROOT);
			Map<String, Object> responses = JsonPath.read(document, operation + ".responses");
			Set<String> expected = declaredStatuses(endpoint.handler().getMethod());
			softly.assertThat(responses.keySet()).as(endpoint.toString()).containsAll(expected);
			if (endpoint.isPublic()) {
				softly.assertThat(responses).as(endpoint.toString()).doesNotContainKey("401");
				softly.assertThat(JsonPath.<Map<String, Object>>read(document, operation))
					.as(endpoint.toString())
					.doesNotContainKey("security");
			}
			else {
				softly.assertThat(responses).as(endpoint.toString()).containsKey("401");
				softly.assertThat(JsonPath.<List<Object>>read(document, operation + ".security"))
					.as(endpoint.toString())
					.isNotEmpty();
			}
		}
		softly.assertAll();
	}

	private EntityExchangeResult<String> anonymous(String method, String path) {
		RestTestClient.RequestBodySpec request = this.client.method(HttpMethod.valueOf(method)).uri(path);
		if (!method.equals("GET")) {
			request.contentType(MediaType.APPLICATION_JSON).body("{\"user\":{}}");
		}
		return request.exchange().returnResult(String.class);
	}

	private static Set<String> declaredStatuses(Method handler) {
		return AnnotatedElementUtils.findMergedRepeatableAnnotations(handler, ApiResponse.class)
			.stream()
			.map(ApiResponse::responseCode)
			.collect(Collectors.toSet());
	}

	/** Each method and path of the service's own handlers, as mapped. */
	private List<Endpoint> endpoints() {
		List<Endpoint> endpoints = new ArrayList<>();
		this.handlerMapping.getHandlerMethods().forEach((info, handler) -> {
			if (handler.getBeanType().getPackageName().startsWith("dev.jwtauth")
					&& !handler.getBeanType().isAnnotationPresent(Hidden.class)) {
				endpoints.addAll(Endpoint.of(info, handler));
			}
		});
		return endpoints;
	}

	private record Endpoint(String method, String path, HandlerMethod handler) {

		static List<Endpoint> of(RequestMappingInfo info, HandlerMethod handler) {
			assertThat(info.getMethodsCondition().getMethods()).as("the methods of %s", handler).isNotEmpty();
			List<Endpoint> endpoints = new ArrayList<>();
			for (String path : info.getPatternValues()) {
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					endpoints.add(new Endpoint(method.name(), path, handler));
				}
			}
			return endpoints;
		}

		boolean isPublic() {
			return this.handler.hasMethodAnnotation(PublicEndpoint.class);
		}

		/** The path with each variable filled in, as a client would send it. */
		String examplePath() {
			return this.path.replaceAll("\\{[^}]+}", "someone");
		}

		/** With its trailing slash, but a standard document, known by its name. */
		String documentedPath() {
			return this.path.startsWith("/.well-known/") ? this.path : this.path + "/";
		}

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

}
