package dev.jwtauth.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin access for browser clients: none unless origins are listed.
 *
 * @param allowedOrigins origins (scheme, host and port) whose pages may call the service
 * @param maxAge how long browsers may cache a preflight answer
 */
@ConfigurationProperties("auth.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {

	boolean enabled() {
		return this.allowedOrigins.stream().anyMatch((origin) -> !origin.isBlank());
	}

}
