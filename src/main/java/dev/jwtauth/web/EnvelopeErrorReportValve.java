package dev.jwtauth.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Writes the error envelope for requests that Tomcat refuses before any servlet sees
 * them, such as a path with invalid percent-encoding, in place of Tomcat's HTML page.
 */
final class EnvelopeErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"user\":{\"errors\":{\"error\":[\"" + StatusMessages.of(status) + "\"]}}}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response was already sent: nothing left to tell.
		}
	}

}
