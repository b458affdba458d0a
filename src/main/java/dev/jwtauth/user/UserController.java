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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original service's endpoints and the current-user resource. {@code @Order} places
 * each in the API document in the order a client uses them.
 */
@RestController
@RequestMapping("/users")
@Tag(name = "Account", description = "Sign up, sign in, and manage the account a token belongs to")
class UserController {

	private static final String FIELDS_REFUSED = "A field fails its rule, the username or email is taken, "
			+ "or the body is malformed; errors keyed by field";

	private static final String PASSWORD_GUESSES = "Too many wrong passwords from this client (Retry-After)";

	private static final String HASHING_BUSY = "Every password-hashing slot stayed busy, "
			+ "or the database is unavailable (Retry-After)";

	private final UserService users;

	private final SigninService signins;

	UserController(UserService users, SigninService signins) {
		this.users = users;
		this.signins = signins;
	}

	@PostMapping("/signup")
	@Order(1)
	@ResponseStatus(HttpStatus.CREATED)
	@PublicEndpoint
	@Operation(summary = "Create an account")
	@ApiResponse(responseCode = "201", description = "The new user and a token")
	@ApiResponse(responseCode = "400", description = FIELDS_REFUSED)
	@ApiResponse(responseCode = "503", description = HASHING_BUSY)
	UserResponse signup(@RequestBody SignupRequest request, HttpServletRequest http) {
		return this.users.signup(request, Client.of(http));
	}

	@PostMapping("/signin")
	@Order(2)
	@PublicEndpoint
	@Operation(summary = "Sign in with a username or email and the password")
	@ApiResponse(responseCode = "200", description = "The user and a new token")
	@ApiResponse(responseCode = "400",
			description = "Unknown user, wrong password or inactive account, or a malformed body")
	@ApiResponse(responseCode = "429", description = PASSWORD_GUESSES)
	@ApiResponse(responseCode = "503", description = HASHING_BUSY)
	UserResponse signin(@RequestBody SigninRequest request, HttpServletRequest http) {
		return this.signins.signin(request, Client.of(http));
	}

	@GetMapping("/current")
	@Order(3)
	@Operation(summary = "The account the token belongs to")
	@ApiResponse(responseCode = "200", description = "The user and the token presented")
	UserResponse current(@AuthenticationPrincipal TokenPrincipal principal) {
		return new UserResponse(principal.email(), principal.username(), principal.token());
	}

	@PostMapping("/update_current")
	@Order(4)
	@Operation(summary = "Change the username, email or password",
			description = "A new password needs current_password; it revokes every earlier token.")
	@ApiResponse(responseCode = "200", description = "The changed user and a new token")
	@ApiResponse(responseCode = "400", description = FIELDS_REFUSED + "; a wrong current_password")
	@ApiResponse(responseCode = "429", description = PASSWORD_GUESSES)
	@ApiResponse(responseCode = "503", description = HASHING_BUSY)
	UserResponse updateCurrent(@AuthenticationPrincipal TokenPrincipal principal, @RequestBody UpdateRequest request,
			HttpServletRequest http) {
		return this.users.update(principal, request, Client.of(http));
	}

	@RequestMapping(path = "/current", method = { RequestMethod.PUT, RequestMethod.PATCH })
	@Order(5)
	@Operation(summary = "Change the username, email or password (as update_current)")
	@ApiResponse(responseCode = "200", description = "The changed user and a new token")
	@ApiResponse(responseCode = "400", description = FIELDS_REFUSED + "; a wrong current_password")
	@ApiResponse(responseCode = "429", description = PASSWORD_GUESSES)
	@ApiResponse(responseCode = "503", description = HASHING_BUSY)
	UserResponse replaceCurrent(@AuthenticationPrincipal TokenPrincipal principal, @RequestBody UpdateRequest request,
			HttpServletRequest http) {
		return updateCurrent(principal, request, http);
	}

	@PostMapping("/signout")
	@Order(6)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Sign out everywhere", description = "Every token issued to the user so far stops working.")
	@ApiResponse(responseCode = "204", description = "Signed out")
	void signout(@AuthenticationPrincipal TokenPrincipal principal) {
		this.users.signout(principal);
	}

	@DeleteMapping("/current")
	@Order(7)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete the account, confirmed by its password")
	@ApiResponse(responseCode = "204", description = "The account and its tokens are gone")
	@ApiResponse(responseCode = "400", description = "A missing or wrong password, or a malformed body")
	@ApiResponse(responseCode = "429", description = PASSWORD_GUESSES)
	@ApiResponse(responseCode = "503", description = HASHING_BUSY)
	void deleteCurrent(@AuthenticationPrincipal TokenPrincipal principal, @RequestBody DeleteAccountRequest request,
			HttpServletRequest http) {
		this.users.delete(principal, request, http.getRemoteAddr());
	}

}
