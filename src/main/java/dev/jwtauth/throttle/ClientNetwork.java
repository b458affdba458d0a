package dev.jwtauth.throttle;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What the limits count as one client: an IPv4 address, or the /64 network of an IPv6
 * address. A subscriber is commonly given a whole /64 and may send from any of its
 * addresses, so counting IPv6 addresses one by one would let one client guess without
 * limit. An IPv6 address that carries an IPv4 address (IPv4-mapped or -compatible, the
 * NAT64 prefix {@code 64:ff9b::/96}, 6to4's {@code 2002::/16}) counts as that IPv4
 * address: behind a translator, every IPv4 client would otherwise share one /64.
 */
final class ClientNetwork {

	private ClientNetwork() {
	}

	/**
	 * The client that {@code address}, an IP literal as the servlet container gives the
	 * peer's, counts as: an IPv6 address as its network, such as
	 * {@code 2001:db8:0:7::/64}; an IPv4 address, alone or carried in an IPv6 one, as
	 * itself. Anything else is returned as it is; no name is ever looked up.
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
		int carried = carriedIpv4(bytes);
		if (carried >= 0) {
			return (bytes[carried] & 0xff) + "." + (bytes[carried + 1] & 0xff) + "." + (bytes[carried + 2] & 0xff) + "."
					+ (bytes[carried + 3] & 0xff);
		}
		return String.format("%x:%x:%x:%x::/64", group(bytes, 0), group(bytes, 1), group(bytes, 2), group(bytes, 3));
	}

	/**
	 * Where an IPv6 address carries an IPv4 address: at byte 12 for {@code ::a.b.c.d}
	 * (but {@code ::} and {@code ::1}) and {@code 64:ff9b::a.b.c.d}, at byte 2 for 6to4;
	 * -1 for any other.
	 */
	private static int carriedIpv4(byte[] bytes) {
		if (group(bytes, 0) == 0x2002) {
			return 2;
		}
		boolean nat64 = group(bytes, 0) == 0x64 && group(bytes, 1) == 0xff9b;
		for (int i = nat64 ? 2 : 0; i < 6; i++) {
			if (group(bytes, i) != 0) {
				return -1;
			}
		}
		return (nat64 || group(bytes, 6) != 0) ? 12 : -1;
	}

	private static int group(byte[] bytes, int index) {
		return ((bytes[2 * index] & 0xff) << 8) | (bytes[2 * index + 1] & 0xff);
	}

}
