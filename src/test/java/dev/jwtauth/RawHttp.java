package dev.jwtauth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket: sends bytes exactly as given, which no HTTP client
 * library would, optionally from a chosen local address.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * @param localAddress the address to send from (any of 127.0.0.0/8 on loopback), or
	 * {@code null} for the default
	 * @param headers header lines, each ending in CRLF
	 */
	public static Response send(int port, InetAddress localAddress, String method, String path, String headers,
			byte[] body) throws IOException {
		InetAddress server = InetAddress.getByName("127.0.0.1");
		try (Socket socket = (localAddress != null) ? new Socket(server, port, localAddress, 0)
				: new Socket(server, port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers
					+ ((body != null) ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n";
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			if (body != null) {
				try {
					out.write(body);
				}
				catch (IOException ex) {
					// The server may answer and close before reading a body it refuses.
				}
			}
			out.flush();
			return Response.parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			in.transferTo(bytes);
		}
		catch (IOException ex) {
			// A reset after the response was sent: keep what arrived.
		}
		return bytes.toByteArray();
	}

	public record Response(int status, String head, String body) {

		static Response parse(byte[] bytes) {
			String text = new String(bytes, StandardCharsets.UTF_8);
			int split = text.indexOf("\r\n\r\n");
			String head = text.substring(0, split);
			String body = text.substring(split + 4);
			if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
				body = unchunk(body);
			}
			return new Response(Integer.parseInt(head.substring(9, 12)), head, body);
		}

		public String header(String name) {
			return head().lines()
				.filter((line) -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
				.map((line) -> line.substring(name.length() + 1).strip())
				.findFirst()
				.orElse(null);
		}

		private static String unchunk(String chunked) {
			StringBuilder body = new StringBuilder();
			int at = 0;
			while (true) {
				int lineEnd = chunked.indexOf("\r\n", at);
				int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
				if (size == 0) {
					return body.toString();
				}
				body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
				at = lineEnd + 2 + size + 2;
			}
		}

	}

}
