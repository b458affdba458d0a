package dev.jwtauth.django;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.jwtauth.django.DumpdataFile.MalformedDumpException;
import dev.jwtauth.security.HashCost;
import dev.jwtauth.security.LegacyHashLimits;
import dev.jwtauth.security.PasswordHashingProperties;
import dev.jwtauth.user.ImportReport;
import dev.jwtauth.user.ImportReport.Skipped;
import dev.jwtauth.user.ImportedUser;
import dev.jwtauth.user.UserImport;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;

/**
 * {@code import-django-users FILE}: creates the users of the original Django service from
 * its {@code dumpdata users.User} output, with their ids, flags, times and password
 * hashes. All or nothing; running it again changes nothing. Starts no web server; exits 0
 * when the import ran, 1 when it could not, 2 on a usage error.
 */
public final class ImportDjangoUsersCommand {

	public static final String NAME = "import-django-users";

	private static final DjangoPasswordHashes HASHES = new DjangoPasswordHashes();

	private static final String USAGE = "usage: import-django-users FILE "
			+ "(the output of: python manage.py dumpdata users.User)";

	private final PrintStream out;

	private final PrintStream err;

	public ImportDjangoUsersCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	/**
	 * @param application the application class, started without a web server
	 * @param args the file, and any {@code --name=value} settings for the application
	 * @return the process exit code
	 */
	public int run(Class<?> application, String[] args) {
		List<String> files = Arrays.stream(args).filter((arg) -> !arg.startsWith("--")).toList();
		if (files.size() != 1) {
			this.err.println(USAGE);
			return 2;
		}
		String file = files.get(0);
		String[] springArgs = Arrays.stream(args).filter((arg) -> arg.startsWith("--")).toArray(String[]::new);
		// Only the few users without a usable password are remembered, for the report.
		Map<Long, String> unusable = new LinkedHashMap<>();
		try (Stream<ImportedUser> users = DumpdataFile.read(Path.of(file));
				ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
					.web(WebApplicationType.NONE)
					.logStartupInfo(false)
					.run(springArgs)) {
			LegacyHashLimits limits = context.getBean(PasswordHashingProperties.class).legacyLimits();
			ImportReport report = context.getBean(UserImport.class)
				.importAll(users.peek((user) -> remember(user, limits, unusable)));
			report(report, unusable);
			return 0;
		}
		catch (IOException | UncheckedIOException | MalformedDumpException ex) {
			this.err.println("Cannot import " + file + ": " + ex.getMessage() + ". Nothing was imported.");
			return 1;
		}
		catch (DataAccessException ex) {
			this.err.println("The import failed, nothing was imported: " + ex.getMostSpecificCause().getMessage());
			return 1;
		}
	}

	/**
	 * Remembers {@code user} when its password hash can never match: unusable, of an
	 * unsupported kind, malformed, or costlier than the service checks.
	 */
	private static void remember(ImportedUser user, LegacyHashLimits limits, Map<Long, String> unusable) {
		HashCost cost = HASHES.cost(user.passwordHash().substring(DjangoPasswordHashes.PREFIX.length()), limits);
		if (!cost.isCheckable()) {
			unusable.put(user.id(), cost.refusal());
		}
	}

	/**
	 * Counts and skipped records, then a note for each imported user without a usable
	 * password.
	 */
	private void report(ImportReport report, Map<Long, String> unusable) {
		this.out.println("Imported " + report.imported() + " users, " + report.alreadyPresent() + " already present, "
				+ report.skipped().size() + " skipped.");
		report.skipped().forEach((skipped) -> this.out.println("Skipped pk " + skipped.id() + ": " + skipped.reason()));
		Set<Long> skippedIds = report.skipped().stream().map(Skipped::id).collect(Collectors.toSet());
		unusable.forEach((id, refusal) -> {
			if (!skippedIds.contains(id)) {
				this.out.println("Note pk " + id + ": imported without a usable password (" + refusal
						+ "): it cannot sign in with a password.");
			}
		});
	}

}
