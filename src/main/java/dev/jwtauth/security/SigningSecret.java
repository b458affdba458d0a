package dev.jwtauth.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the HMAC signing secret: the configured one, or, on the local embedded
 * database only, one generated on first start and kept in a file readable by its owner
 * alone, so that tokens survive restarts without anybody having to set a secret.
 */
final class SigningSecret {

	static final int MIN_BYTES = 32;

	private static final Logger logger = LoggerFactory.getLogger(SigningSecret.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	/**
	 * The embedded database, with the password hashes, keeps its files beside the secret.
	 */
	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private SigningSecret() {
	}

	/**
	 * The secrets tokens are verified with: the current one, which also signs, then the
	 * previous ones.
	 */
	static List<byte[]> resolveAll(TokenProperties properties, boolean localDatabase) {
		List<byte[]> secrets = new ArrayList<>();
		secrets.add(resolve(properties, localDatabase));
		secrets.addAll(previous(properties));
		return secrets;
	}

	private static List<byte[]> previous(TokenProperties properties) {
		return properties.previousSecrets()
			.stream()
			.filter((secret) -> !secret.isBlank())
			.map((secret) -> decode(secret.strip(), "JWT_PREVIOUS_SECRETS"))
			.toList();
	}

	/** The configured secrets, current and previous, without falling back to a file. */
	static List<byte[]> configured(TokenProperties properties) {
		List<byte[]> secrets = new ArrayList<>();
		if (properties.hasSecret()) {
			secrets.add(decode(properties.secret().strip(), "JWT_SECRET"));
		}
		secrets.addAll(previous(properties));
		return secrets;
	}

	static byte[] resolve(TokenProperties properties, boolean localDatabase) {
		if (properties.hasSecret()) {
			return decode(properties.secret().strip(), "JWT_SECRET");
		}
		if (!localDatabase) {
			throw new InvalidSigningSecretException(
					"JWT_SECRET is not set, and only the embedded H2 database may fall back to a generated secret.");
		}
		return loadOrGenerate(properties.secretFile());
	}

	private static byte[] loadOrGenerate(Path file) {
		String secret = readOrCreate(file, () -> Base64.getEncoder().encodeToString(randomBytes()), "JWT_SECRET",
				"signing secret");
		return decode(secret.strip(), file.toString());
	}

	/**
	 * The content of a local fallback file, created with generated content, readable by
	 * its owner only, when it does not exist yet.
	 * @param setting the setting that would make the file unnecessary, for the log
	 * @param what what the file keeps, for the log
	 */
	static String readOrCreate(Path file, Supplier<String> generator, String setting, String what) {
		try {
			if (Files.notExists(file)) {
				Files.createDirectories(file.toAbsolutePath().getParent(), ownerOnly(OWNER_ONLY_DIRECTORY));
				try {
					Files.createFile(file, ownerOnly(OWNER_ONLY));
					Files.writeString(file, generator.get() + "\n", StandardCharsets.US_ASCII);
					logger.info("{} is not set: generated a {} in {} (owner-only); set {} in production", setting, what,
							file, setting);
				}
				catch (FileAlreadyExistsException ex) {
					// Another instance created it first: use theirs.
				}
			}
			else {
				logger.info("{} is not set: using the {} kept in {}", setting, what, file);
			}
			return Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the " + what + " file " + file, ex);
		}
	}

	private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) };
		}
		return new FileAttribute<?>[0];
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[MIN_BYTES * 2];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

	private static byte[] decode(String base64, String source) {
		byte[] secret;
		try {
			secret = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSigningSecretException(source + " is not valid Base64.");
		}
		if (secret.length < MIN_BYTES) {
			throw new InvalidSigningSecretException(
					source + " is " + secret.length * 8 + " bits long; at least " + MIN_BYTES * 8 + " are required.");
		}
		return secret;
	}

}
