package dev.jwtauth.web;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads them, what no handler could use safely: a client address
 * that is not an IP literal, and a path, parameters or headers that carry text no
 * database keeps as given (see {@link StorableText}), or parameters that cannot be
 * decoded at all. Each is a 400 in the envelope, under the parameter's name when it has
 * one. Bodies are checked by the envelope converter, field by field.
 */
final class RequestInputFilter extends OncePerRequestFilter {

	static final String INVALID_CLIENT_ADDRESS = "The forwarded client address is not an IP address.";

	private final UserEnvelopeConverter converter;

	RequestInputFilter(UserEnvelopeConverter converter) {
		this.converter = converter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getRequestURI().contains("//")) {
			// Refused here, not only by the firewall: the trailing-slash filter
			// that follows would trim one slash of a path ending in two and hide
			// them from it.
			refuse(response, HttpStatus.BAD_REQUEST, Map.of(ErrorBody.NON_FIELD, List.of(StatusMessages.of(400))));
			return;
		}
		if (hasWildcardContentType(request)) {
			// Spring MVC cannot even read such a header: it would fail as a server error.
			refuse(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					Map.of(ErrorBody.NON_FIELD, List.of(StatusMessages.of(415))));
			return;
		}
		Map<String, List<String>> errors = problems(request);
		if (!errors.isEmpty()) {
			refuse(response, HttpStatus.BAD_REQUEST, errors);
			return;
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletResponse response, HttpStatus status, Map<String, List<String>> errors)
			throws IOException {
		response.setStatus(status.value());
		try (ServletServerHttpResponse output = new ServletServerHttpResponse(response)) {
			this.converter.write(new ErrorBody(errors), MediaType.APPLICATION_JSON, output);
		}
	}

	private static boolean hasWildcardContentType(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isWildcardType() || type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			// Spring MVC answers 415 for these itself
			return false;
		}
	}

	private static Map<String, List<String>> problems(HttpServletRequest request) {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		// With the native forward-headers strategy, Tomcat takes the address from
		// X-Forwarded-For as sent, whatever it holds; signin limits count it and the logs
		// print it, so anything but an address is refused rather than trusted.
		if (!IpLiteral.test(request.getRemoteAddr())) {
			errors.put(ErrorBody.NON_FIELD, List.of(INVALID_CLIENT_ADDRESS));
			return errors;
		}
		check(errors, ErrorBody.NON_FIELD, request.getServletPath());
		check(errors, ErrorBody.NON_FIELD, request.getPathInfo());
		for (String name : Collections.list(request.getHeaderNames())) {
			Collections.list(request.getHeaders(name)).forEach((value) -> check(errors, ErrorBody.NON_FIELD, value));
		}
		Map<String, String[]> parameters;
		try {
			parameters = request.getParameterMap();
		}
		catch (IllegalStateException ex) {
			// Tomcat could not decode a parameter (invalid UTF-8, say).
			errors.put(ErrorBody.NON_FIELD, List.of("Invalid query parameters."));
			return errors;
		}
		parameters.forEach((name, values) -> {
			String field = (StorableText.problem(name) == null) ? name : ErrorBody.NON_FIELD;
			check(errors, field, name);
			for (String value : values) {
				check(errors, field, value);
			}
		});
		return errors;
	}

	private static void check(Map<String, List<String>> errors, String field, String text) {
		String problem = (text != null) ? StorableText.problem(text) : null;
		if (problem != null) {
			errors.putIfAbsent(field, List.of(problem));
		}
	}

}
