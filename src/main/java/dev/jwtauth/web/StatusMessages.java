package dev.jwtauth.web;

/**
 * What an error status means to a client, in the original's words where it had them.
 */
final class StatusMessages {

	private StatusMessages() {
	}

	static String of(int status) {
		return switch (status) {
			case 400 -> "Bad request.";
			case 401 -> "Authentication credentials were not provided.";
			case 403 -> "You do not have permission to perform this action.";
			case 404 -> "Not found.";
			case 405 -> "Method not allowed.";
			case 413 -> "Request body too large: at most 64 KiB.";
			case 415 -> "Unsupported media type: send application/json.";
			case 431 -> "Request header fields too large.";
			case 503 -> "Service temporarily unavailable; try again later.";
			default -> (status >= 500) ? "A server error occurred." : "Request refused.";
		};
	}

}
