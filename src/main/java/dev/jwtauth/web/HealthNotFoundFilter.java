package dev.jwtauth.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Actuator answers a health group or component that does not exist
 * ({@code /actuator/health/nothing}) with a bare 404, without a body; this makes it the
 * service's own 404, in the envelope, as for any other path that leads nowhere. Mapped to
 * the health paths alone, so that no other request passes it.
 */
final class HealthNotFoundFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new HttpServletResponseWrapper(response) {

			@Override
			public void setStatus(int status) {
				if (status != HttpServletResponse.SC_NOT_FOUND) {
					super.setStatus(status);
					return;
				}
				try {
					sendError(status);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}

		});
	}

}
