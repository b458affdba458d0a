package dev.jwtauth.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each mail as an RFC 822 {@code .eml} file, for a local setup without an SMTP
 * server. The mail holds secret links, so the directory and the files are its owner's
 * alone, whatever the umask. The directory is created with the first mail.
 */
final class FileDelivery implements MailDelivery {

	private static final Logger logger = LoggerFactory.getLogger(FileDelivery.class);

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

	private final Session session = Session.getInstance(new Properties());

	private final SecureRandom random = new SecureRandom();

	private final Path directory;

	FileDelivery(Path directory) {
		this.directory = directory;
	}

	@Override
	public MimeMessage newMessage() {
		return new MimeMessage(this.session);
	}

	@Override
	public void deliver(MimeMessage message) throws MessagingException, IOException {
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		if (Files.notExists(this.directory)) {
			Files.createDirectories(this.directory, ownerOnly(posix, "rwx------"));
		}
		Path file = Files.createFile(this.directory.resolve(fileName()), ownerOnly(posix, "rw-------"));
		try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
			message.writeTo(out);
		}
		catch (IOException | MessagingException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
		logger.info("Mail written to {}", file);
	}

	/** When it was written, then random, so that names sort by time and never clash. */
	private String fileName() {
		byte[] suffix = new byte[6];
		this.random.nextBytes(suffix);
		return TIMESTAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + HexFormat.of().formatHex(suffix) + ".eml";
	}

	private static FileAttribute<?>[] ownerOnly(boolean posix, String permissions) {
		return posix
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) }
				: new FileAttribute<?>[0];
	}

}
