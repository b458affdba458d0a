package dev.jwtauth.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the private key that signs tokens with an asymmetric algorithm, and the public
 * keys of earlier ones: PEM text, PKCS#8 for the private key ({@code BEGIN PRIVATE KEY},
 * as {@code openssl genpkey} writes it) and X.509 SubjectPublicKeyInfo for public keys
 * ({@code BEGIN PUBLIC KEY}). On the local embedded database only, a private key is
 * generated on first start and kept in a file readable by its owner alone.
 */
final class AsymmetricKeys {

	private static final String PRIVATE = "PRIVATE KEY";

	private static final String PUBLIC = "PUBLIC KEY";

	private static final Pattern PEM = Pattern
		.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

	private static final int MIN_RSA_BITS = 2048;

	private static final int EC_BITS = 256;

	private AsymmetricKeys() {
	}

	static PrivateKey privateKey(TokenProperties properties, boolean localDatabase) {
		TokenAlgorithm algorithm = properties.algorithm();
		if (hasText(properties.privateKey())) {
			return parsePrivate(algorithm, properties.privateKey(), "JWT_PRIVATE_KEY");
		}
		if (properties.privateKeyFile() != null && (!localDatabase || Files.exists(properties.privateKeyFile()))) {
			return parsePrivate(algorithm, read(properties.privateKeyFile()), properties.privateKeyFile().toString());
		}
		if (!localDatabase) {
			throw new InvalidSigningSecretException("JWT_ALGORITHM is " + algorithm
					+ " but neither JWT_PRIVATE_KEY nor JWT_PRIVATE_KEY_FILE is set, and only the embedded H2 "
					+ "database may fall back to a generated key.", generateAction(algorithm));
		}
		Path file = (properties.privateKeyFile() != null) ? properties.privateKeyFile() : properties.secretFile()
			.resolveSibling("jwt-" + algorithm.name().toLowerCase(Locale.ROOT) + "-key.pem");
		String pem = SigningSecret.readOrCreate(file,
				() -> pem(PRIVATE, algorithm.generateKeyPair().getPrivate().getEncoded()), "JWT_PRIVATE_KEY",
				algorithm + " signing key");
		return parsePrivate(algorithm, pem, file.toString());
	}

	/** The public keys of earlier private keys, each entry holding one or more. */
	static List<PublicKey> previousPublicKeys(TokenProperties properties) {
		List<PublicKey> keys = new ArrayList<>();
		for (String entry : properties.previousPublicKeys()) {
			if (!entry.isBlank()) {
				for (byte[] der : blocks(entry, PUBLIC, "JWT_PREVIOUS_PUBLIC_KEYS")) {
					keys.add(checked(properties.algorithm(), publicKey(properties.algorithm(), der),
							"JWT_PREVIOUS_PUBLIC_KEYS"));
				}
			}
		}
		return keys;
	}

	private static PrivateKey parsePrivate(TokenAlgorithm algorithm, String pem, String source) {
		List<byte[]> blocks = blocks(pem, PRIVATE, source);
		if (blocks.size() != 1) {
			throw invalid(source + " holds " + blocks.size() + " private keys; one is required.", algorithm);
		}
		try {
			PrivateKey key = KeyFactory.getInstance(algorithm.keyAlgorithm())
				.generatePrivate(new PKCS8EncodedKeySpec(blocks.get(0)));
			return checked(algorithm, key, source);
		}
		catch (GeneralSecurityException ex) {
			throw invalid(source + " is not a PKCS#8 " + algorithm.keyAlgorithm() + " private key.", algorithm);
		}
	}

	private static PublicKey publicKey(TokenAlgorithm algorithm, byte[] der) {
		try {
			return KeyFactory.getInstance(algorithm.keyAlgorithm()).generatePublic(new X509EncodedKeySpec(der));
		}
		catch (GeneralSecurityException ex) {
			throw invalid(
					"JWT_PREVIOUS_PUBLIC_KEYS holds a key that is not an " + algorithm.keyAlgorithm() + " public key.",
					algorithm);
		}
	}

	/**
	 * A key of the strength the algorithm asks for: P-256 for ES256, 2048 bits for RS256.
	 */
	private static <K> K checked(TokenAlgorithm algorithm, K key, String source) {
		boolean strong = switch (algorithm) {
			case ES256 -> key instanceof ECKey ec && ec.getParams().getCurve().getField().getFieldSize() == EC_BITS;
			case RS256 -> key instanceof RSAKey rsa && rsa.getModulus().bitLength() >= MIN_RSA_BITS;
			case HS256 -> false;
		};
		if (!strong) {
			throw invalid(
					source + " is not a key " + algorithm + " can use: " + algorithm
							+ " needs a P-256 EC key or an RSA key of at least 2048 bits, as its name says.",
					algorithm);
		}
		return key;
	}

	/** The DER content of each PEM block of the kind, refusing text that holds none. */
	private static List<byte[]> blocks(String pem, String kind, String source) {
		List<byte[]> blocks = new ArrayList<>();
		Matcher matcher = PEM.matcher(pem);
		while (matcher.find()) {
			if (!matcher.group(1).equals(kind)) {
				throw new InvalidSigningSecretException(source + " holds a \"BEGIN " + matcher.group(1)
						+ "\" block; a \"BEGIN " + kind + "\" block is required.", convertAction(kind));
			}
			try {
				blocks.add(Base64.getMimeDecoder().decode(matcher.group(2)));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSigningSecretException(source + " is not valid PEM.", convertAction(kind));
			}
		}
		if (blocks.isEmpty()) {
			throw new InvalidSigningSecretException(source + " holds no \"BEGIN " + kind + "\" block.",
					convertAction(kind));
		}
		return blocks;
	}

	private static String pem(String kind, byte[] der) {
		return "-----BEGIN " + kind + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + kind + "-----";
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new InvalidSigningSecretException("JWT_PRIVATE_KEY_FILE " + file + " cannot be read: " + ex,
					"Set JWT_PRIVATE_KEY_FILE to a PEM file the service's user can read.");
		}
	}

	private static InvalidSigningSecretException invalid(String message, TokenAlgorithm algorithm) {
		return new InvalidSigningSecretException(message, generateAction(algorithm));
	}

	private static String generateAction(TokenAlgorithm algorithm) {
		String options = (algorithm == TokenAlgorithm.ES256) ? "-algorithm EC -pkeyopt ec_paramgen_curve:P-256"
				: "-algorithm RSA -pkeyopt rsa_keygen_bits:3072";
		return "Generate a key with \"openssl genpkey " + options + " -out jwt-key.pem\", the same on every "
				+ "instance, and set JWT_PRIVATE_KEY_FILE to its path or JWT_PRIVATE_KEY to its content.";
	}

	private static String convertAction(String kind) {
		return PRIVATE.equals(kind)
				? "Convert the key to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in old-key.pem -out jwt-key.pem"
				: "Write each public key as PEM: openssl pkey -in jwt-key.pem -pubout";
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
