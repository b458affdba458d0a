package dev.jwtauth.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Matches requests whose path no handler maps, whatever the method, so that they can pass
 * security and be answered 404. Every mapped path, controllers' and Actuator's alike,
 * stays protected unless it is explicitly public.
 */
final class UnmappedRequestMatcher implements RequestMatcher {

	private final ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings;

	private volatile List<PathPattern> patterns;

	UnmappedRequestMatcher(ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings) {
		this.handlerMappings = handlerMappings;
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
			patterns = this.handlerMappings.orderedStream()
				.flatMap((mapping) -> mapping.getHandlerMethods().keySet().stream())
				.flatMap((info) -> info.getPatternValues().stream())
				.map(PathPatternParser.defaultInstance::parse)
				.toList();
			this.patterns = patterns;
		}
		return patterns;
	}

}
