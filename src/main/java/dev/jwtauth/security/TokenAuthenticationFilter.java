package dev.jwtauth.security;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.jwtauth.security.PredecessorTokens.PredecessorToken;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Authenticates {@code Authorization: Token <jwt>} (or {@code Bearer <jwt>}). A rejected
 * token leaves the request unauthenticated and records why, so that protected endpoints
 * answer 401 with the reason while public ones ignore the header.
 */
final class TokenAuthenticationFilter extends OncePerRequestFilter {

	private static final List<String> SCHEMES = List.of("token", "bearer");

	/** A user's token version until its tokens are first revoked. */
	private static final int FIRST_TOKEN_VERSION = 0;

	/** Compiled once: every request's header is split with it. */
	private static final Pattern BLANKS = Pattern.compile("[ \t]+");

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	private final TokenService tokens;

	private final TokenSubjects subjects;

	private final PredecessorTokens predecessorTokens;

	private final HandlerExceptionResolver exceptionResolver;

	private final MeterRegistry metrics;

	TokenAuthenticationFilter(TokenService tokens, TokenSubjects subjects, PredecessorTokens predecessorTokens,
			HandlerExceptionResolver exceptionResolver, MeterRegistry metrics) {
		this.tokens = tokens;
		this.subjects = subjects;
		this.predecessorTokens = predecessorTokens;
		this.exceptionResolver = exceptionResolver;
		this.metrics = metrics;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = tokenOf(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (token != null) {
			try {
				authenticate(token);
			}
			catch (TokenRejectedException ex) {
				ex.failure().recordOn(request);
				this.metrics.counter(AuthMetrics.TOKEN_REJECTIONS, "reason", ex.reason()).increment();
			}
			catch (RuntimeException ex) {
				// The user lookup failed (the database is unreachable, say): answer
				// it as a controller's failure would be, never as authenticated.
				if (this.exceptionResolver.resolveException(request, response, null, ex) == null) {
					throw ex;
				}
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * The token of a {@code <scheme> <token>} header; {@code null} for any other shape,
	 * which counts as no credentials.
	 */
	static String tokenOf(String header) {
		if (header == null) {
			return null;
		}
		String[] parts = BLANKS.split(header.strip());
		if (parts.length != 2 || !SCHEMES.contains(parts[0].toLowerCase(Locale.ROOT))) {
			return null;
		}
		return parts[1];
	}

	private static List<GrantedAuthority> roles(TokenSubject subject) {
		if (subject.superuser()) {
			return List.of(Roles.STAFF_AUTHORITY, Roles.SUPERUSER_AUTHORITY);
		}
		return subject.staff() ? List.of(Roles.STAFF_AUTHORITY) : List.of();
	}

	private void authenticate(String token) throws TokenRejectedException {
		VerifiedToken verified = verify(token);
		Optional<TokenSubject> found = (verified.sessionId() != null)
				? this.subjects.findById(verified.userId(), verified.sessionId())
				: this.subjects.findById(verified.userId());
		TokenSubject subject = found.filter(TokenSubject::active)
			.orElseThrow(() -> new TokenRejectedException(TokenFailure.USER_INACTIVE));
		if (subject.tokenVersion() != verified.tokenVersion() || subject.sessionEnded()) {
			throw new TokenRejectedException(TokenFailure.REVOKED);
		}
		TokenPrincipal principal = new TokenPrincipal(subject.id(), subject.username(), subject.email(),
				subject.staff(), subject.superuser(), token, verified.tokenVersion(), verified.sessionId());
		SecurityContext context = this.contextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, roles(subject)));
		this.contextHolder.setContext(context);
	}

	/**
	 * The service's own token, or else the predecessor's, which carries no token version:
	 * it counts as the user's first.
	 */
	private VerifiedToken verify(String token) throws TokenRejectedException {
		if (!CanonicalJws.test(token)) {
			// Refused before either verifier, both of which would decode other spellings.
			throw new TokenRejectedException(TokenFailure.INVALID, TokenService.MALFORMED);
		}
		try {
			return this.tokens.verify(token);
		}
		catch (TokenRejectedException ex) {
			PredecessorToken predecessor = this.predecessorTokens.verify(token).orElseThrow(() -> ex);
			if (predecessor.expired()) {
				throw new TokenRejectedException(TokenFailure.EXPIRED);
			}
			return new VerifiedToken(predecessor.userId(), FIRST_TOKEN_VERSION);
		}
	}

}
