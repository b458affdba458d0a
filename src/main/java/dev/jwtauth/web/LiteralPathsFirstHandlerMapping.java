package dev.jwtauth.web;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.security.RoutePaths;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Resolves a path that some handler maps literally to that handler alone: such a path is
 * never the value of another handler's path variable. {@code GET /users/signup} is then a
 * 405 from the signup handler rather than a staff lookup of an account named "signup",
 * without the staff endpoints having to list the names they must not take.
 */
class LiteralPathsFirstHandlerMapping extends RequestMappingHandlerMapping {

	private volatile Map<String, Set<RequestMappingInfo>> literalPaths = Map.of();

	@Override
	protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
		Map<String, Set<RequestMappingInfo>> literalPaths = new HashMap<>();
		handlerMethods.keySet()
			.forEach((info) -> info.getDirectPaths()
				.forEach((path) -> literalPaths.computeIfAbsent(path, (key) -> new HashSet<>()).add(info)));
		this.literalPaths = Map.copyOf(literalPaths);
		super.handlerMethodsInitialized(handlerMethods);
	}

	@Override
	protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
		Set<RequestMappingInfo> literal = this.literalPaths.get(RoutePaths.decoded(lookupPath));
		if (literal == null || literal.stream().anyMatch((info) -> getMatchingMapping(info, request) != null)) {
			return super.lookupHandlerMethod(lookupPath, request);
		}
		return handleNoMatch(literal, lookupPath, request);
	}

}
