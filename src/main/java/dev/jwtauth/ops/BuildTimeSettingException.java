package dev.jwtauth.ops;

import java.util.List;

/**
 * A setting fixed when the application context was worked out at build time was given
 * another value at start; the service refuses to start.
 */
class BuildTimeSettingException extends RuntimeException {

	BuildTimeSettingException(List<String> settings) {
		super("Set at start, but fixed when this build was made (Spring AOT): " + String.join(", ", settings) + ".");
	}

}
