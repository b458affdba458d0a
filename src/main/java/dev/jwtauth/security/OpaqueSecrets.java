package dev.jwtauth.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque secrets handed to clients, such as the secret of a mailed link or a refresh
 * token: 256 bits from a CSPRNG, as URL-safe Base64 without padding, stored only as the
 * hex of their SHA-256 digest, so that reading the database opens nothing.
 */
public final class OpaqueSecrets {

	/** 256 bits: beyond guessing, however many are out at once. */
	private static final int BYTES = 32;

	/** The length of a secret as issued. */
	private static final int LENGTH = 43;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final SecureRandom random = new SecureRandom();

	private OpaqueSecrets() {
	}

	/** A new secret, to be handed out and never stored. */
	public static String generate() {
		byte[] bytes = new byte[BYTES];
		random.nextBytes(bytes);
		return ENCODER.encodeToString(bytes);
	}

	/**
	 * Whether the text can be a secret as issued, checked before any digest or query so
	 * that junk of any size costs nothing.
	 */
	public static boolean isWellFormed(String secret) {
		if (secret == null || secret.length() != LENGTH) {
			return false;
		}
		for (int i = 0; i < LENGTH; i++) {
			char c = secret.charAt(i);
			boolean base64Url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_';
			if (!base64Url) {
				return false;
			}
		}
		return true;
	}

	/** What is stored of a secret: the hex of its SHA-256 digest. */
	public static String digest(String text) {
		return HexFormat.of().formatHex(sha256(text));
	}

	static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
