package dev.jwtauth.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Keeps the files of an embedded H2 database, which hold the password hashes, readable by
 * their owner alone, as the generated signing secret is. H2 creates them with the
 * process's umask, often world-readable: before the first connection, the directory is
 * created owner-only when it does not exist yet; once the schema is migrated, and on
 * every start, the database's files are made owner-only.
 */
final class EmbeddedDatabaseFiles implements BeanPostProcessor, SmartInitializingSingleton {

	/** {@code jdbc:h2:file:path} or {@code jdbc:h2:path}, with optional settings. */
	private static final Pattern FILE_URL = Pattern.compile("jdbc:h2:(?:file:)?([^;]+)(?:;.*)?");

	/** {@code mem:}, {@code tcp:} and the other kinds that are not plain local files. */
	private static final Pattern OTHER_KIND = Pattern.compile("[A-Za-z]{2,}:.*");

	private final Path database;

	/**
	 * @param url the JDBC URL of the application's database
	 */
	EmbeddedDatabaseFiles(String url) {
		this.database = databasePath(url);
	}

	/** The database's path without its suffixes, or {@code null} if it has no files. */
	static Path databasePath(String url) {
		Matcher matcher = FILE_URL.matcher(url);
		if (!matcher.matches() || OTHER_KIND.matcher(matcher.group(1)).matches()) {
			return null;
		}
		String path = matcher.group(1);
		if (path.startsWith("~")) {
			path = System.getProperty("user.home") + path.substring(1);
		}
		return Path.of(path).toAbsolutePath().normalize();
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource && isPosix()) {
			createDirectory();
			restrictFiles();
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (isPosix()) {
			restrictFiles();
		}
	}

	private boolean isPosix() {
		return this.database != null && FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

	private void createDirectory() {
		Path directory = this.database.getParent();
		try {
			if (Files.notExists(directory)) {
				Files.createDirectories(directory,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the database directory " + directory, ex);
		}
	}

	private void restrictFiles() {
		Path directory = this.database.getParent();
		String prefix = this.database.getFileName() + ".";
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				String name = file.getFileName().toString();
				if (name.startsWith(prefix) && name.endsWith(".db") && Files.isRegularFile(file)) {
					Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot make the database files in " + directory + " owner-only", ex);
		}
	}

}
