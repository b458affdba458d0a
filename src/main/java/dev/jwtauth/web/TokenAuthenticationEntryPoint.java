package dev.jwtauth.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.security.AuthMetrics;
import dev.jwtauth.security.TokenFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers requests that security refuses before they reach a controller, with the same
 * envelope as every other error: 401 saying why the token was not accepted, or 403.
 */
final class TokenAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String SCHEME = "Token";

	private final UserEnvelopeConverter converter;

	private final Counter missingCredentials;

	TokenAuthenticationEntryPoint(UserEnvelopeConverter converter, MeterRegistry metrics) {
		this.converter = converter;
		this.missingCredentials = metrics.counter(AuthMetrics.TOKEN_REJECTIONS, "reason", "missing");
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, SCHEME);
		TokenFailure failure = TokenFailure.of(request);
		if (failure == TokenFailure.MISSING) {
			this.missingCredentials.increment();
		}
		write(response, HttpStatus.UNAUTHORIZED, ErrorBody.of(failure.message()));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		write(response, HttpStatus.FORBIDDEN, ErrorBody.of(StatusMessages.of(HttpStatus.FORBIDDEN.value())));
	}

	private void write(HttpServletResponse response, HttpStatus status, ErrorBody body) throws IOException {
		response.setStatus(status.value());
		try (ServletServerHttpResponse output = new ServletServerHttpResponse(response)) {
			this.converter.write(body, MediaType.APPLICATION_JSON, output);
		}
	}

}
