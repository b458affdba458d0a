package dev.jwtauth.web;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;

class RequestBodyTooLargeException extends HttpMessageNotReadableException {

	RequestBodyTooLargeException(long limit, HttpInputMessage input) {
		super("Request body exceeds " + limit / 1024 + " KiB.", input);
	}

}
