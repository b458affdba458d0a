package dev.jwtauth.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.security.PublicEndpoint;
import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages the links in recovery and verification mails open: small HTML forms that work
 * without JavaScript. Opening a link uses nothing up, since mail scanners open links too;
 * only submitting the form does. The secret stays out of logs (only paths are logged) and
 * out of {@code Referer} headers.
 */
@Controller
@Hidden
class RecoveryPages {

	/** The pages' only style, allowed by its digest: no other style, and no script. */
	static final String STYLE = "body{font:16px/1.5 system-ui,sans-serif;color:#1b1b1f;background:#f6f7f9;margin:0}"
			+ "main{max-width:26rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:.5rem;"
			+ "box-shadow:0 1px 3px rgba(0,0,0,.15)}h1{font-size:1.4rem;margin-top:0}"
			+ "input[type=password]{box-sizing:border-box;width:100%;padding:.5rem;font-size:1rem;"
			+ "border:1px solid #8a8f98;border-radius:.25rem}"
			+ "button{padding:.6rem 1.2rem;font-size:1rem;color:#fff;background:#1f5fbf;border:0;"
			+ "border-radius:.25rem;cursor:pointer}"
			+ "[role=alert]{color:#8a1c1c;background:#fdecec;border-radius:.25rem;padding:.25rem 1rem}";

	/** Pages carry no script or image and may be framed by no one. */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + digest(STYLE)
			+ "'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

	private final PasswordResets resets;

	private final EmailVerifications verifications;

	RecoveryPages(PasswordResets resets, EmailVerifications verifications) {
		this.resets = resets;
		this.verifications = verifications;
	}

	@GetMapping(RecoveryLinks.RESET_PAGE)
	@PublicEndpoint
	ModelAndView passwordResetForm(@RequestParam(name = "token", required = false) String token,
			HttpServletRequest request, HttpServletResponse response) {
		return page("password-reset", request, response, token, incomplete(token, Messages.INVALID_RESET_LINK));
	}

	@PostMapping(path = RecoveryLinks.RESET_PAGE, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@PublicEndpoint
	ModelAndView resetPassword(@RequestParam(name = "token", required = false) String token,
			@RequestParam(name = "password", required = false) String password, HttpServletRequest request,
			HttpServletResponse response) {
		try {
			this.resets.confirm(new PasswordResetConfirmation(token, password), Client.of(request));
			return page("password-reset-done", request, response, null, null);
		}
		catch (UserValidationException ex) {
			return page("password-reset", request, response, token, ex);
		}
	}

	@GetMapping(RecoveryLinks.VERIFICATION_PAGE)
	@PublicEndpoint
	ModelAndView verificationForm(@RequestParam(name = "token", required = false) String token,
			HttpServletRequest request, HttpServletResponse response) {
		return page("email-verification", request, response, token,
				incomplete(token, Messages.INVALID_VERIFICATION_LINK));
	}

	@PostMapping(path = RecoveryLinks.VERIFICATION_PAGE, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@PublicEndpoint
	ModelAndView verifyEmail(@RequestParam(name = "token", required = false) String token, HttpServletRequest request,
			HttpServletResponse response) {
		try {
			VerifiedEmail verified = this.verifications.confirm(new EmailVerificationConfirmation(token),
					request.getRemoteAddr());
			return page("email-verification-done", request, response, null, null).addObject("email", verified.email())
				.addObject("username", verified.username());
		}
		catch (UserValidationException ex) {
			return page("email-verification", request, response, token, ex);
		}
	}

	/**
	 * A refusal up front for a link that lost its secret, as a mail client may cut it.
	 */
	private static UserValidationException incomplete(String token, String message) {
		if (token != null && !token.isBlank()) {
			return null;
		}
		return new UserValidationException(Map.of("token", List.of(message)));
	}

	private static ModelAndView page(String view, HttpServletRequest request, HttpServletResponse response,
			String token, UserValidationException refusal) {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		ModelAndView page = new ModelAndView(view);
		page.addObject("token", (token != null) ? token : "");
		page.addObject("style", STYLE);
		page.addObject("action", request.getContextPath() + request.getServletPath());
		List<String> errors = (refusal != null) ? refusal.errors().values().stream().flatMap(List::stream).toList()
				: List.of();
		page.addObject("errors", errors);
		page.addObject("hasErrors", !errors.isEmpty());
		if (refusal != null) {
			page.setStatus(HttpStatus.BAD_REQUEST);
		}
		return page;
	}

	private static String digest(String style) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(style.getBytes(StandardCharsets.UTF_8));
			return "sha256-" + Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
