package dev.jwtauth.throttle;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What the limits count as one client: an IPv4 address, or the /64 network of an IPv6
 * address. A subscriber is commonly given a whole /64 and may send from any of its
 * addresses, so counting IPv6 addresses one by one would let one client guess without
 * limit.
 */
final class ClientNetwork {

	private ClientNetwork() {
	}

	/**
	 * The client that {@code address}, an IP literal as the servlet container gives the
	 * peer's, counts as: an IPv6 address as its network, such as
	 * {@code 2001:db8:0:7::/64}; an IPv4 address, mapped into IPv6 or not, as itself.
	 * Anything else is returned as it is; no name is ever looked up.
	 */
	static String of(String address) {
		if (address.indexOf(':') < 0 || (Character.digit(address.charAt(0), 16) < 0 && address.charAt(0) != ':')) {
			return address;
		}
		int zone = address.indexOf('%');
		InetAddress parsed;
		try {
			// Text with a colon that starts with a hex digit or a colon is parsed as an
			// IPv6 literal, or refused, without a name lookup.
			parsed = InetAddress.getByName((zone < 0) ? address : address.substring(0, zone));
		}
		catch (UnknownHostException ex) {
			return address;
		}
		byte[] bytes = parsed.getAddress();
		if (bytes.length == 4) {
			return parsed.getHostAddress();
		}
		return String.format("%x:%x:%x:%x::/64", group(bytes, 0), group(bytes, 1), group(bytes, 2), group(bytes, 3));
	}

	private static int group(byte[] bytes, int index) {
		return ((bytes[2 * index] & 0xff) << 8) | (bytes[2 * index + 1] & 0xff);
	}

}
