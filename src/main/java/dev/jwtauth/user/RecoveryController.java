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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Password reset and email verification through links mailed to the account's address.
 * The links open {@link RecoveryPages}, or a front end of the team's own that calls the
 * confirming endpoints here.
 */
@RestController
@RequestMapping("/users")
@Tag(name = "Account")
class RecoveryController {

	private static final String MAIL_OFF = "Mail is not configured on this server";

	private static final String MAIL_LIMIT = "Too many mails asked for, from this client or to this address "
			+ "(Retry-After)";

	private final PasswordResets resets;

	private final EmailVerifications verifications;

	RecoveryController(PasswordResets resets, EmailVerifications verifications) {
		this.resets = resets;
		this.verifications = verifications;
	}

	@PostMapping("/password_reset")
	@Order(8)
	@ResponseStatus(HttpStatus.ACCEPTED)
	@PublicEndpoint
	@Operation(summary = "Ask for a password reset link by mail",
			description = "The same answer whether or not an account has the address.")
	@ApiResponse(responseCode = "202", description = "A link is mailed if an active account has the address")
	@ApiResponse(responseCode = "400", description = "A missing or invalid email, or a malformed body")
	@ApiResponse(responseCode = "429", description = MAIL_LIMIT)
	@ApiResponse(responseCode = "503", description = MAIL_OFF)
	Notice requestPasswordReset(@RequestBody PasswordResetRequest request, HttpServletRequest http) {
		return this.resets.request(request, http.getRemoteAddr());
	}

	@PostMapping("/password_reset/confirm")
	@Order(9)
	@PublicEndpoint
	@Operation(summary = "Set a new password with the secret of a reset link",
			description = "Uses the secret up and revokes every earlier token.")
	@ApiResponse(responseCode = "200", description = "The user and a new token")
	@ApiResponse(responseCode = "400",
			description = "A bad, used or expired secret (under token), a password that fails its rule, "
					+ "or a malformed body")
	@ApiResponse(responseCode = "503", description = "Every password-hashing slot stayed busy (Retry-After)")
	UserResponse confirmPasswordReset(@RequestBody PasswordResetConfirmation confirmation, HttpServletRequest http) {
		return this.resets.confirm(confirmation, Client.of(http));
	}

	@PostMapping("/verify_email")
	@Order(10)
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Mail a new link to verify the account's address",
			description = "Voids the links mailed before.")
	@ApiResponse(responseCode = "202", description = "A link is on its way")
	@ApiResponse(responseCode = "400", description = "The address is already verified")
	@ApiResponse(responseCode = "429", description = MAIL_LIMIT)
	@ApiResponse(responseCode = "503", description = MAIL_OFF)
	Notice resendVerification(@AuthenticationPrincipal TokenPrincipal principal, HttpServletRequest http) {
		return this.verifications.resend(principal, http.getRemoteAddr());
	}

	@PostMapping("/verify_email/confirm")
	@Order(11)
	@PublicEndpoint
	@Operation(summary = "Verify the address with the secret of a verification link",
			description = "Uses the secret up; no token is issued.")
	@ApiResponse(responseCode = "200", description = "The user, with email_verified")
	@ApiResponse(responseCode = "400", description = "A bad, used or expired secret (under token), or a malformed body")
	VerifiedEmail confirmVerification(@RequestBody EmailVerificationConfirmation confirmation,
			HttpServletRequest http) {
		return this.verifications.confirm(confirmation, http.getRemoteAddr());
	}

}
