package dev.jwtauth.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Whether text is an IP address literal, v4 in dotted-quad form or v6, and nothing else:
 * no host name, no legacy form such as {@code 10.1}, no spaces or other characters that
 * would forge a field of the log lines it is printed on. Never asks DNS.
 */
final class IpLiteral {

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	/**
	 * The characters of an IPv6 literal, beginning with a hex digit or a colon (which is
	 * what makes Java parse text as a literal instead of looking it up as a name), with
	 * at least one colon, and the zone that Java appends to a link-local peer's address.
	 */
	private static final Pattern IPV6 = Pattern
		.compile("([0-9A-Fa-f][0-9A-Fa-f.]*)?:[0-9A-Fa-f:.]{1,44}(%[0-9A-Za-z_.-]{1,16})?");

	private IpLiteral() {
	}

	static boolean test(String text) {
		if (text == null) {
			return false;
		}
		if (IPV4.matcher(text).matches()) {
			return true;
		}
		if (!IPV6.matcher(text).matches()) {
			return false;
		}
		int zone = text.indexOf('%');
		try {
			// Text with a colon that starts with a hex digit or a colon is parsed as an
			// IPv6 literal, or refused, without a name lookup. The zone names an
			// interface of the host that accepted the connection: not checked here.
			InetAddress.getByName((zone < 0) ? text : text.substring(0, zone));
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
