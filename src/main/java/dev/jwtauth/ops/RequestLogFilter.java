package dev.jwtauth.ops;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request: method, path, status, duration and a request id. The id is
 * the client's {@code X-Request-Id} when it is a plain token, a new one otherwise; it is
 * echoed in the response and carried by every log event of the request.
 */
final class RequestLogFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";

	static final String MDC_KEY = "requestId";

	private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private static final Logger logger = LoggerFactory.getLogger("dev.jwtauth.request");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		String id = requestId(request.getHeader(HEADER));
		MDC.put(MDC_KEY, id);
		response.setHeader(HEADER, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			logger.info("{} {} {} {}ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
					(System.nanoTime() - start) / 1_000_000);
			MDC.remove(MDC_KEY);
		}
	}

	private static String requestId(String given) {
		return (given != null && ACCEPTED_ID.matcher(given).matches()) ? given : UUID.randomUUID().toString();
	}

}
