package dev.jwtauth.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Refresh tokens and the sessions they belong to.
 *
 * @param enabled whether signin and signup also hand out a refresh token; off by default,
 * so that clients see the original's answers
 * @param lifetime how long a session lasts from its signin, however often it refreshes
 * @param idleLifetime how long a session lasts unused
 * @param maxSessions the most sessions one user keeps; a new signin beyond them ends the
 * least recently used
 */
@ConfigurationProperties("auth.refresh")
public record RefreshProperties(@DefaultValue("false") boolean enabled, @DefaultValue("30d") Duration lifetime,
		@DefaultValue("7d") Duration idleLifetime, @DefaultValue("20") int maxSessions) {

	public RefreshProperties {
		if (lifetime.isNegative() || lifetime.isZero() || idleLifetime.isNegative() || idleLifetime.isZero()) {
			throw new IllegalArgumentException(
					"auth.refresh.lifetime and idle-lifetime (REFRESH_TOKEN_LIFETIME, REFRESH_TOKEN_IDLE_LIFETIME) "
							+ "must be positive");
		}
		if (maxSessions < 1) {
			throw new IllegalArgumentException("auth.refresh.max-sessions (MAX_SESSIONS_PER_USER) must be at least 1");
		}
	}

}
