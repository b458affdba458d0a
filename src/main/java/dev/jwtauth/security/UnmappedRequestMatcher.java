package dev.jwtauth.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Matches requests whose path no controller maps, whatever the method, so that they can
 * pass security and be answered 404. Every mapped path stays protected unless it is
 * explicitly public.
 */
final class UnmappedRequestMatcher implements RequestMatcher {

	private final RequestMappingHandlerMapping handlerMapping;

	private volatile List<PathPattern> patterns;

	UnmappedRequestMatcher(RequestMappingHandlerMapping handlerMapping) {
		this.handlerMapping = handlerMapping;
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		PathContainer path = RequestPath.parse(request.getRequestURI(), request.getContextPath())
			.pathWithinApplication();
		return patterns().stream().noneMatch((pattern) -> pattern.matches(path));
	}

	private List<PathPattern> patterns() {
		List<PathPattern> patterns = this.patterns;
		if (patterns == null) {
			patterns = this.handlerMapping.getHandlerMethods()
				.keySet()
				.stream()
				.flatMap((info) -> info.getPathPatternsCondition().getPatterns().stream())
				.toList();
			this.patterns = patterns;
		}
		return patterns;
	}

}
