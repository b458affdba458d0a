package dev.jwtauth.django;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jwtauth.security.HashCost;
import dev.jwtauth.security.LegacyHashFormat;
import dev.jwtauth.security.LegacyHashLimits;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm;

/**
 * Checks passwords against the hashes Django's hashers write: {@code pbkdf2_sha256} (its
 * default), {@code pbkdf2_sha1}, {@code argon2}, {@code bcrypt_sha256} and
 * {@code bcrypt}, with Spring Security's encoders. Any other kind, an unusable password
 * ({@code !…}, Django's {@code set_unusable_password}) and a malformed hash never match.
 * Never encodes: passwords are hashed again with the service's own algorithm.
 */
public final class DjangoPasswordHashes implements LegacyHashFormat {

	/** The prefix of Django hashes in the password_hash column: {@code {django}…}. */
	static final String ID = "django";

	/** What a Django hash is stored behind. */
	static final String PREFIX = "{" + ID + "}";

	private static final Set<String> ALGORITHMS = Set.of("pbkdf2_sha256", "pbkdf2_sha1", "argon2", "bcrypt_sha256",
			"bcrypt");

	/** A hash whose parts cannot be read never matches. */
	private static final String MALFORMED = "its hash is malformed";

	/** What the kinds of hash checked here are named by, for timing them apart. */
	private static final String KIND = ID + " ";

	private static final Set<String> ARGON2_TYPES = Set.of("argon2id", "argon2i", "argon2d");

	private static final Pattern ARGON2_COSTS = Pattern.compile("m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,9})");

	private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

	/** Reads its parameters from each hash; the ones given here serve only to encode. */
	private final Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

	@Override
	public String id() {
		return ID;
	}

	/** Whether {@code hash}, as Django stored it, is of a kind this class checks. */
	static boolean isSupported(String hash) {
		int separator = hash.indexOf('$');
		return separator > 0 && ALGORITHMS.contains(hash.substring(0, separator));
	}

	@Override
	public HashCost cost(String encoded, LegacyHashLimits limits) {
		if (!isSupported(encoded)) {
			return HashCost.refused(HashCost.UNUSABLE);
		}
		int separator = encoded.indexOf('$');
		String algorithm = encoded.substring(0, separator);
		String rest = encoded.substring(separator + 1);
		try {
			HashCost cost = switch (algorithm) {
				case "pbkdf2_sha256", "pbkdf2_sha1" -> pbkdf2Cost(algorithm, rest, limits);
				case "argon2" -> argon2Cost(rest, limits);
				default -> bcryptCost(algorithm, rest, limits);
			};
			return (cost != null) ? cost : HashCost.refused(MALFORMED);
		}
		catch (IllegalArgumentException ex) {
			return HashCost.refused(MALFORMED);
		}
	}

	/**
	 * Django derives as many bytes as its digest has; a longer key would cost a block of
	 * iterations for each further digest's worth, beyond what the iteration limit bounds.
	 */
	private static HashCost pbkdf2Cost(String algorithm, String hash, LegacyHashLimits limits) {
		String[] parts = hash.split("\\$", -1);
		if (parts.length != 3 || parts[1].isEmpty()
				|| Base64.getDecoder().decode(parts[2]).length != pbkdf2DigestLength(algorithm)) {
			return null;
		}
		int iterations = Integer.parseInt(parts[0]);
		return (iterations >= 1) ? limits.pbkdf2(KIND + algorithm + " iterations=" + iterations, iterations) : null;
	}

	/**
	 * {@code argon2id$v=19$m=…,t=…,p=…$salt$hash}, the version absent from the oldest
	 * hashes.
	 */
	private static HashCost argon2Cost(String hash, LegacyHashLimits limits) {
		String[] parts = hash.split("\\$", -1);
		int costs = (parts.length == 5) ? 2 : 1;
		if (parts.length < 4 || parts.length > 5 || !ARGON2_TYPES.contains(parts[0])
				|| (costs == 2 && !parts[1].startsWith("v="))) {
			return null;
		}
		Matcher matcher = ARGON2_COSTS.matcher(parts[costs]);
		Base64.Decoder base64 = Base64.getDecoder();
		if (!matcher.matches() || base64.decode(parts[costs + 1]).length == 0
				|| base64.decode(parts[costs + 2]).length == 0) {
			return null;
		}
		long memoryKib = Long.parseLong(matcher.group(1));
		int passes = Integer.parseInt(matcher.group(2));
		int lanes = Integer.parseInt(matcher.group(3));
		if (passes < 1 || lanes < 1 || memoryKib < 8L * lanes) {
			return null;
		}
		return limits.argon2(KIND + "argon2 " + parts[0] + " " + parts[costs], memoryKib, passes);
	}

	/** {@code $2b$12$} and 53 characters of salt and hash. */
	private static HashCost bcryptCost(String algorithm, String hash, LegacyHashLimits limits) {
		Matcher matcher = BCRYPT.matcher(hash);
		if (!matcher.matches()) {
			return null;
		}
		int cost = Integer.parseInt(matcher.group(1));
		return limits.bcrypt(KIND + algorithm + " cost=" + cost, cost);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		throw new UnsupportedOperationException("Django hashes are only checked");
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null || !isSupported(encodedPassword)) {
			return false;
		}
		int separator = encodedPassword.indexOf('$');
		String algorithm = encodedPassword.substring(0, separator);
		String rest = encodedPassword.substring(separator + 1);
		try {
			return switch (algorithm) {
				case "pbkdf2_sha256", "pbkdf2_sha1" -> pbkdf2(rawPassword, rest, algorithm);
				case "argon2" -> this.argon2.matches(rawPassword, "$" + rest);
				case "bcrypt_sha256" -> BCrypt.checkpw(sha256Hex(rawPassword), rest);
				default -> BCrypt.checkpw(rawPassword.toString(), rest);
			};
		}
		catch (IllegalArgumentException ex) {
			// Malformed: fail closed.
			return false;
		}
	}

	/**
	 * {@code <iterations>$<salt>$<Base64 hash>}, the salt taken as its UTF-8 bytes.
	 * Spring's encoder expects salt and hash together, the salt's length given.
	 */
	private static boolean pbkdf2(CharSequence rawPassword, String hash, String algorithm) {
		String[] parts = hash.split("\\$", -1);
		if (parts.length != 3) {
			return false;
		}
		int iterations = Integer.parseInt(parts[0]);
		byte[] salt = parts[1].getBytes(StandardCharsets.UTF_8);
		byte[] derived = Base64.getDecoder().decode(parts[2]);
		if (iterations < 1 || salt.length == 0 || derived.length != pbkdf2DigestLength(algorithm)) {
			return false;
		}
		Pbkdf2PasswordEncoder encoder = new Pbkdf2PasswordEncoder("", salt.length, iterations, derived.length * 8);
		encoder.setAlgorithm("pbkdf2_sha1".equals(algorithm) ? SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA1
				: SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256);
		encoder.setEncodeHashAsBase64(true);
		byte[] saltAndHash = new byte[salt.length + derived.length];
		System.arraycopy(salt, 0, saltAndHash, 0, salt.length);
		System.arraycopy(derived, 0, saltAndHash, salt.length, derived.length);
		return encoder.matches(rawPassword, Base64.getEncoder().encodeToString(saltAndHash));
	}

	/** The bytes of the digest of Django's PBKDF2 hasher {@code algorithm}. */
	private static int pbkdf2DigestLength(String algorithm) {
		return "pbkdf2_sha1".equals(algorithm) ? 20 : 32;
	}

	/**
	 * Django's bcrypt_sha256 hashes the hex SHA-256 digest, so no password is truncated.
	 */
	private static String sha256Hex(CharSequence rawPassword) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
