package dev.jwtauth.web;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * With API_DOCS_ENABLED=false, neither the document nor Swagger UI is served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "API_DOCS_ENABLED=false")
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
class ApiDocumentationDisabledTests {

	@Autowired
	private RestTestClient client;

	@Test
	void documentationEndpointsThen404() {
		this.client.get().uri("/v3/api-docs").exchange().expectStatus().isNotFound();
		this.client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isNotFound();
	}

}
