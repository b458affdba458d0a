package dev.jwtauth.user;

import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.security.PublicEndpoint;
import dev.jwtauth.security.TokenPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Refresh tokens, and the sessions they keep alive, which their user sees and ends.
 */
@RestController
@RequestMapping("/users")
@Tag(name = "Tokens")
class SessionController {

	private final Sessions sessions;

	SessionController(Sessions sessions) {
		this.sessions = sessions;
	}

	@PostMapping("/token/refresh")
	@Order(2)
	@PublicEndpoint
	@Operation(summary = "Trade a refresh token for a new token and the next refresh token",
			description = "Uses the refresh token up. Presenting a used one again ends its whole session, "
					+ "so clients refresh one request at a time.")
	@ApiResponse(responseCode = "200", description = "The user, a new token and the next refresh token")
	@ApiResponse(responseCode = "400",
			description = "An unknown, used or expired refresh token, one of an ended session (under "
					+ "refresh_token), refresh tokens off, or a malformed body")
	UserResponse refresh(@RequestBody RefreshRequest request, HttpServletRequest http) {
		return this.sessions.refresh(request, Client.of(http));
	}

	@GetMapping("/sessions")
	@Order(3)
	@Operation(summary = "The user's live sessions, one per signin",
			description = "Where and when each began and was last used; never a token.")
	@ApiResponse(responseCode = "200", description = "The sessions, the most recently used first")
	SessionList list(@AuthenticationPrincipal TokenPrincipal principal) {
		return this.sessions.list(principal);
	}

	@DeleteMapping("/sessions/{id}")
	@Order(4)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "End one of the user's sessions",
			description = "Its refresh token and its tokens stop working at once.")
	@ApiResponse(responseCode = "204", description = "Ended")
	@ApiResponse(responseCode = "404", description = "The user has no session of that id")
	void end(@AuthenticationPrincipal TokenPrincipal principal, @PathVariable String id) {
		this.sessions.end(principal, id);
	}

}
