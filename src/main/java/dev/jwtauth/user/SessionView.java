package dev.jwtauth.user;

import java.time.Instant;

/**
 * A session as its owner sees it: where and when it began, when it was last used, never a
 * token.
 *
 * @param id its public name, to end it by
 * @param clientAddress the address of the signin that began it
 * @param userAgent the User-Agent of that signin
 * @param current whether the request that lists it was made in it
 */
record SessionView(String id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String clientAddress,
		String userAgent, boolean current) {

}
