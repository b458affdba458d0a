package dev.jwtauth.user;

import jakarta.servlet.http.HttpServletRequest;

import dev.jwtauth.security.TokenPrincipal;

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
 * The original service's endpoints and the current-user resource. Each path answers with
 * and without its trailing slash.
 */
@RestController
@RequestMapping("/users")
class UserController {

	private final UserService users;

	private final SigninService signins;

	UserController(UserService users, SigninService signins) {
		this.users = users;
		this.signins = signins;
	}

	@PostMapping({ "/signup", "/signup/" })
	@ResponseStatus(HttpStatus.CREATED)
	UserResponse signup(@RequestBody SignupRequest request) {
		return this.users.signup(request);
	}

	@PostMapping({ "/signin", "/signin/" })
	UserResponse signin(@RequestBody SigninRequest request, HttpServletRequest http) {
		return this.signins.signin(request, http.getRemoteAddr());
	}

	@GetMapping({ "/current", "/current/" })
	UserResponse current(@AuthenticationPrincipal TokenPrincipal principal) {
		return new UserResponse(principal.email(), principal.username(), principal.token());
	}

	@PostMapping({ "/update_current", "/update_current/" })
	UserResponse updateCurrent(@AuthenticationPrincipal TokenPrincipal principal, @RequestBody UpdateRequest request,
			HttpServletRequest http) {
		return this.users.update(principal, request, http.getRemoteAddr());
	}

	@DeleteMapping({ "/current", "/current/" })
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteCurrent(@AuthenticationPrincipal TokenPrincipal principal, @RequestBody DeleteAccountRequest request,
			HttpServletRequest http) {
		this.users.delete(principal, request, http.getRemoteAddr());
	}

	@PostMapping({ "/signout", "/signout/" })
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void signout(@AuthenticationPrincipal TokenPrincipal principal) {
		this.users.signout(principal);
	}

	@RequestMapping(path = { "/current", "/current/" }, method = { RequestMethod.PUT, RequestMethod.PATCH })
	UserResponse replaceCurrent(@AuthenticationPrincipal TokenPrincipal principal, @RequestBody UpdateRequest request,
			HttpServletRequest http) {
		return updateCurrent(principal, request, http);
	}

}
