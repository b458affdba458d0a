package dev.jwtauth.security;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * The one spelling of an ES256 signature the service issues and accepts. An ECDSA
 * signature (r, s) verifies as well with n − s, so every token would have a second
 * spelling that anyone could make, each accepted and remembered as a token of its own;
 * signatures are issued with the lower s, as Bitcoin and Ethereum require, and those with
 * the higher one are refused.
 */
final class EcdsaSignatures {

	/** The order n of the P-256 group. */
	private static final BigInteger ORDER = new BigInteger(
			"FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

	private static final BigInteger HALF_ORDER = ORDER.shiftRight(1);

	/** r and s, 32 bytes each, as JWS concatenates them. */
	private static final int SIGNATURE_BYTES = 64;

	private static final int HALF = SIGNATURE_BYTES / 2;

	private EcdsaSignatures() {
	}

	/** The compact JWS with its ES256 signature's s replaced by n − s when higher. */
	static String lowS(String jws) {
		int dot = jws.lastIndexOf('.');
		byte[] signature = Base64.getUrlDecoder().decode(jws.substring(dot + 1));
		BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, HALF, SIGNATURE_BYTES));
		if (s.compareTo(HALF_ORDER) <= 0) {
			return jws;
		}
		byte[] lower = ORDER.subtract(s).toByteArray();
		Arrays.fill(signature, HALF, SIGNATURE_BYTES, (byte) 0);
		int length = Math.min(lower.length, HALF);
		System.arraycopy(lower, lower.length - length, signature, SIGNATURE_BYTES - length, length);
		return jws.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
	}

	/**
	 * Whether a compact JWS has a signature of ES256's size with the higher s: a spelling
	 * the service never issues.
	 */
	static boolean hasHighS(String jws) {
		String encoded = jws.substring(jws.lastIndexOf('.') + 1);
		byte[] signature;
		try {
			signature = Base64.getUrlDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return signature.length == SIGNATURE_BYTES
				&& new BigInteger(1, Arrays.copyOfRange(signature, HALF, SIGNATURE_BYTES)).compareTo(HALF_ORDER) > 0;
	}

}
