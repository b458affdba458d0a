package dev.jwtauth;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Requests sent as clients send them, with a token or without, and what their bodies say.
 */
public final class TokenRequests {

	private TokenRequests() {
	}

	/**
	 * Sends {@code request}, with {@code Authorization: Token …} unless the token is
	 * null.
	 */
	public static EntityExchangeResult<String> exchange(RestTestClient.RequestHeadersSpec<?> request, String token) {
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Token " + token);
		}
		return request.exchange().returnResult(String.class);
	}

	/** The string at a JSON path of the answer's body. */
	public static String read(EntityExchangeResult<String> result, String path) {
		return JsonPath.read(result.getResponseBody(), path);
	}

}
