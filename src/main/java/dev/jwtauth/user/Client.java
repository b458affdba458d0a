package dev.jwtauth.user;

import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.security.HeaderValues;

import org.springframework.http.HttpHeaders;

/**
 * Where a request comes from: the client's address, which limits its password guesses,
 * and its User-Agent, which a session shows its owner.
 *
 * @param address the client's address, as the trusted proxies give it
 * @param userAgent what the client calls itself, trusted in no way; empty if it says
 * nothing
 */
record Client(String address, String userAgent) {

	static Client of(HttpServletRequest request) {
		String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
		return new Client(request.getRemoteAddr(), (userAgent != null) ? HeaderValues.decoded(userAgent) : "");
	}

}
