package dev.jwtauth.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jwtauth.mail.MailUnavailableException;
import dev.jwtauth.security.PasswordHashingBusyException;
import dev.jwtauth.throttle.MailRequestsLimitedException;
import dev.jwtauth.throttle.PasswordThrottledException;
import dev.jwtauth.user.AccountNotFoundException;
import dev.jwtauth.user.BadCredentialsException;
import dev.jwtauth.user.TokenNoLongerValidException;
import dev.jwtauth.user.UserValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error raised while handling a request with the {@code {"user": {"errors":
 * ...}}} envelope: the service's own exceptions with their statuses, Spring MVC's with
 * theirs, and anything else with a 500 that says nothing of its cause.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler
	ResponseEntity<ErrorBody> validationFailed(UserValidationException ex) {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		ex.errors().forEach((property, messages) -> errors.put(UserEnvelopeConverter.fieldName(property), messages));
		return ResponseEntity.badRequest().body(new ErrorBody(errors));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> badCredentials(BadCredentialsException ex) {
		return ResponseEntity.badRequest().body(ErrorBody.of(ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> throttled(PasswordThrottledException ex) {
		return tooManyRequests("Too many failed password attempts.", ex.retryAfterSeconds());
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> mailRequestsLimited(MailRequestsLimitedException ex) {
		return tooManyRequests("Too many mails asked for.", ex.retryAfterSeconds());
	}

	private static ResponseEntity<ErrorBody> tooManyRequests(String what, long seconds) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(ErrorBody.of(what + " Try again in " + seconds + " seconds."));
	}

	/**
	 * Every password-hashing slot stayed busy: nothing was checked or written, and a
	 * retry in a moment will most likely find a free slot.
	 */
	@ExceptionHandler
	ResponseEntity<ErrorBody> hashingBusy(PasswordHashingBusyException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(ErrorBody.of("Too many signins at once; try again in a second."));
	}

	/**
	 * This server sends no mail, so what needs a mail to reach the user cannot be done
	 * here: no retry helps until mail is configured.
	 */
	@ExceptionHandler
	ResponseEntity<ErrorBody> mailUnavailable(MailUnavailableException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ErrorBody.of(ex.getMessage()));
	}

	/**
	 * A header that the firewall refuses once it is read, such as a Content-Type with
	 * bytes no header may carry: the client's mistake, answered without echoing it.
	 */
	@ExceptionHandler
	ResponseEntity<ErrorBody> rejected(RequestRejectedException ex) {
		return ResponseEntity.badRequest().body(ErrorBody.of(StatusMessages.of(400)));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> forbidden(AccessDeniedException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ErrorBody.of(StatusMessages.of(403)));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> accountNotFound(AccountNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ErrorBody.of(StatusMessages.of(404)));
	}

	/**
	 * The token was current when the request was authenticated but not when its change
	 * was to be made: the same 401 the token filter gives such a token.
	 */
	@ExceptionHandler
	ResponseEntity<ErrorBody> tokenNoLongerValid(TokenNoLongerValidException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, TokenAuthenticationEntryPoint.SCHEME)
			.body(ErrorBody.of(ex.failure().message()));
	}

	/**
	 * The database cannot be reached, or not in time: a passing state that the client may
	 * retry, and that the service recovers from by itself when the database returns. Any
	 * other database failure is unexpected.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ErrorBody> databaseFailed(Exception ex) {
		if (!isDatabaseUnavailable(ex)) {
			return unexpected(ex);
		}
		logger.warn("Database unavailable: {}", NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(ErrorBody.of(StatusMessages.of(503)));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> unexpected(Exception ex) {
		logger.error("Unexpected error while handling a request", ex);
		return ResponseEntity.internalServerError().body(ErrorBody.of(StatusMessages.of(500)));
	}

	private static boolean isDatabaseUnavailable(Exception ex) {
		if (ex instanceof CannotCreateTransactionException || ex instanceof DataAccessResourceFailureException
				|| ex instanceof TransientDataAccessException) {
			return true;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
					|| (cause instanceof SQLException sql && isConnectionFailure(sql.getSQLState()))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * SQL states of the classes connection exception (08), insufficient resources (53)
	 * and operator intervention (57): a server shutting down, restarting or overloaded.
	 */
	private static boolean isConnectionFailure(String sqlState) {
		return sqlState != null
				&& (sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57"));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex instanceof RequestBodyTooLargeException) {
			return handleExceptionInternal(ex, null, headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		ErrorBody body = (ex instanceof EnvelopeReadException envelope) ? envelope.toErrorBody()
				: ErrorBody.of("Expected a JSON object.");
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		Object errorBody = (body instanceof ErrorBody) ? body : ErrorBody.of(StatusMessages.of(status.value()));
		return new ResponseEntity<>(errorBody, headers, status);
	}

}
