package dev.jwtauth.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Matches the requests that need no token: those a {@link PublicEndpoint} handles, those
 * on a path whose every handler is public (answered 405 or {@code OPTIONS}), and those no
 * handler maps at all (answered 404). Every other mapped request, controllers' and
 * Actuator's alike, stays protected.
 * <p>
 * Routes are resolved as Spring MVC resolves them here: a path that a handler maps
 * literally is never the value of another handler's path variable.
 */
final class PublicRequestMatcher implements RequestMatcher {

	private final ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings;

	private volatile Routes routes;

	PublicRequestMatcher(ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings) {
		this.handlerMappings = handlerMappings;
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		String path = RequestPath.parse(request.getRequestURI(), request.getContextPath())
			.pathWithinApplication()
			.value();
		List<Route> candidates = candidates(path);
		if (candidates.isEmpty()) {
			return true;
		}
		String method = HttpMethod.HEAD.matches(request.getMethod()) ? HttpMethod.GET.name() : request.getMethod();
		List<Route> handling = candidates.stream().filter((route) -> route.accepts(method)).toList();
		return (handling.isEmpty() ? candidates : handling).stream().allMatch(Route::isPublic);
	}

	private List<Route> candidates(String path) {
		Routes routes = routes();
		List<Route> literal = routes.byLiteralPath().get(RoutePaths.decoded(path));
		if (literal != null) {
			return literal;
		}
		PathContainer container = PathContainer.parsePath(path);
		return routes.all().stream().filter((route) -> route.matches(container)).toList();
	}

	private Routes routes() {
		Routes routes = this.routes;
		if (routes == null) {
			List<Route> all = this.handlerMappings.orderedStream()
				.flatMap((mapping) -> mapping.getHandlerMethods().entrySet().stream())
				.map(Route::of)
				.toList();
			Map<String, List<Route>> byLiteralPath = new HashMap<>();
			all.forEach((route) -> route.literalPaths()
				.forEach((path) -> byLiteralPath.computeIfAbsent(path, (key) -> new ArrayList<>()).add(route)));
			routes = new Routes(all, Map.copyOf(byLiteralPath));
			this.routes = routes;
		}
		return routes;
	}

	/** Every route, and those that map each literal path, read once. */
	private record Routes(List<Route> all, Map<String, List<Route>> byLiteralPath) {

	}

	private record Route(List<PathPattern> patterns, Set<String> literalPaths, Set<RequestMethod> methods,
			boolean isPublic) {

		static Route of(Map.Entry<RequestMappingInfo, HandlerMethod> handler) {
			RequestMappingInfo info = handler.getKey();
			return new Route(info.getPatternValues().stream().map(PathPatternParser.defaultInstance::parse).toList(),
					info.getDirectPaths(), info.getMethodsCondition().getMethods(),
					handler.getValue().hasMethodAnnotation(PublicEndpoint.class));
		}

		boolean matches(PathContainer path) {
			return this.patterns.stream().anyMatch((pattern) -> pattern.matches(path));
		}

		boolean accepts(String method) {
			return this.methods.isEmpty()
					|| this.methods.stream().anyMatch((accepted) -> accepted.name().equals(method));
		}

	}

}
