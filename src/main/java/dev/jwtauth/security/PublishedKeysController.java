package dev.jwtauth.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the public keys that verify the service's tokens, as a JWK Set (RFC 7517),
 * for other services and their stock JWT libraries. Empty while tokens are signed with
 * the HMAC secret, which is never published.
 */
@RestController
@Tag(name = "Tokens")
class PublishedKeysController {

	/**
	 * How long a verifier may keep the keys: a new key is published this long before it
	 * signs (see docs/SECURITY.md), so that every verifier knows it by then.
	 */
	static final Duration MAX_AGE = Duration.ofMinutes(5);

	private final String keys;

	private final String entityTag;

	PublishedKeysController(TokenService tokens) {
		this.keys = tokens.publishedKeys();
		this.entityTag = HexFormat.of()
			.formatHex(TokenService.sha256(this.keys.getBytes(StandardCharsets.UTF_8)), 0, 16);
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
	@Order(1)
	@PublicEndpoint
	@Operation(summary = "The public keys that verify the service's tokens (a JWK Set, RFC 7517)",
			description = "Each key has its kid, alg and use. Empty with HS256, whose secret is never published.")
	@ApiResponse(responseCode = "200", description = "The JWK Set: {\"keys\": [...]}",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(type = "object", requiredProperties = "keys")))
	@ApiResponse(responseCode = "304", description = "The keys named by If-None-Match are still current")
	ResponseEntity<String> keys() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic())
			.eTag(this.entityTag)
			.body(this.keys);
	}

}
