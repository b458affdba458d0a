package dev.jwtauth.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that the servlet container raises outside Spring MVC (a malformed
 * request line, an exception in a filter) with the same envelope, in place of Boot's
 * default error body. Not an endpoint of the API, so not in its document.
 */
@RestController
@Hidden
class ErrorEnvelopeController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ErrorBody> error(HttpServletRequest request) {
		int status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) ? code : 404;
		return ResponseEntity.status(status).body(ErrorBody.of(StatusMessages.of(status)));
	}

}
