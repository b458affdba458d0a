package dev.jwtauth.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Header values as clients wrote them. The server reads header bytes as ISO-8859-1, but a
 * client that sends characters beyond ASCII, in a User-Agent say, sends UTF-8: read as
 * ISO-8859-1, those bytes look like C1 control characters, which Spring Security's
 * default firewall refuses, so such a client could not even sign in.
 */
public final class HeaderValues {

	private HeaderValues() {
	}

	/** The value decoded as UTF-8 when its bytes are valid UTF-8, else as it was read. */
	public static String decoded(String value) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return value;
		}
	}

	/**
	 * Whether a header value is text: once decoded, only assigned characters, and no
	 * control character (C0 but tab, which HTTP allows, DEL or C1) nor line or paragraph
	 * separator, which could break a line wherever the value is shown.
	 */
	static boolean isText(String value) {
		if (value.chars().allMatch((c) -> c < 0x80)) {
			// ASCII, as nearly every header is: nothing to decode.
			return value.chars().allMatch((c) -> c == '\t' || (c >= ' ' && c != 0x7f));
		}
		return decoded(value).codePoints()
			.allMatch((c) -> Character.isDefined(c) && (c == '\t' || !Character.isISOControl(c))
					&& Character.getType(c) != Character.LINE_SEPARATOR
					&& Character.getType(c) != Character.PARAGRAPH_SEPARATOR);
	}

}
