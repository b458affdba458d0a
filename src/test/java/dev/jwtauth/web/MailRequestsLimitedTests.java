package dev.jwtauth.web;

import java.time.Duration;

import dev.jwtauth.security.CredentialsConfig;
import dev.jwtauth.security.PublicEndpoint;
import dev.jwtauth.security.SecurityConfig;
import dev.jwtauth.security.TokenSubjects;
import dev.jwtauth.throttle.MailRequestsLimitedException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request refused for asking too many mails, as the client sees it: 429 with
 * {@code Retry-After} and the envelope, through the real security configuration and
 * converter.
 */
@WebMvcTest(controllers = MailRequestsLimitedTests.MailAskingController.class)
@ActiveProfiles("test")
@Import({ SecurityConfig.class, CredentialsConfig.class, MailRequestsLimitedTests.MailAskingController.class })
@MockitoBean(types = TokenSubjects.class)
class MailRequestsLimitedTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void askWhenMailRequestsLimitedThen429WithRetryAfterRoundedUpInTheEnvelope() {
		assertThat(this.mvc.post().uri("/mail-asking/").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.hasStatus(429)
			.hasHeader(HttpHeaders.RETRY_AFTER, "91")
			.bodyJson()
			.isStrictlyEqualTo("""
					{"user": {"errors": {"error": ["Too many mails asked for. Try again in 91 seconds."]}}}""");
	}

	/** Stands in for an endpoint that sends mail, refused by the limit. */
	@RestController
	static class MailAskingController {

		@PublicEndpoint
		@PostMapping("/mail-asking")
		void ask() {
			throw new MailRequestsLimitedException(Duration.ofMillis(90_001));
		}

	}

}
