package dev.jwtauth.admin;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import dev.jwtauth.user.AccountView;
import dev.jwtauth.user.UserAdministration;
import dev.jwtauth.user.UserValidationException;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code create-superuser --username U --email E}: the original's
 * {@code createsuperuser}. Reads the password from the environment variable
 * {@value #PASSWORD_VARIABLE}, else from the console without echo, else as one line of
 * standard input. Starts no web server; exits 0 when the superuser exists, 1 otherwise.
 */
public final class CreateSuperuserCommand {

	public static final String NAME = "create-superuser";

	static final String PASSWORD_VARIABLE = "SUPERUSER_PASSWORD";

	private static final String USAGE = "usage: create-superuser --username USERNAME --email EMAIL (password from "
			+ PASSWORD_VARIABLE + " or standard input)";

	private final Map<String, String> environment;

	private final InputStream in;

	private final PrintStream out;

	private final PrintStream err;

	public CreateSuperuserCommand(Map<String, String> environment, InputStream in, PrintStream out, PrintStream err) {
		this.environment = environment;
		this.in = in;
		this.out = out;
		this.err = err;
	}

	/**
	 * @param application the application class, started without a web server
	 * @param args the command's arguments after its name, and any {@code --name=value}
	 * settings for the application
	 * @return the process exit code
	 */
	public int run(Class<?> application, String[] args) throws IOException {
		String username = option(args, "--username");
		String email = option(args, "--email");
		if (username == null || email == null) {
			this.err.println(USAGE);
			return 2;
		}
		String password = password();
		if (password == null) {
			this.err.println("No password: set " + PASSWORD_VARIABLE + " or give it on standard input");
			return 1;
		}
		String[] springArgs = Arrays.stream(args)
			.filter((arg) -> arg.startsWith("--") && arg.contains("=") && !arg.startsWith("--username=")
					&& !arg.startsWith("--email="))
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(springArgs)) {
			AccountView created = context.getBean(UserAdministration.class).createSuperuser(username, email, password);
			this.out.println("Superuser " + created.username() + " created.");
			return 0;
		}
		catch (UserValidationException ex) {
			ex.errors()
				.forEach((field, messages) -> messages.forEach((message) -> this.err.println(field + ": " + message)));
			return 1;
		}
	}

	private String password() throws IOException {
		String fromEnvironment = this.environment.get(PASSWORD_VARIABLE);
		if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
			return fromEnvironment;
		}
		Console console = System.console();
		if (console != null && this.in == System.in) {
			char[] typed = console.readPassword("Password: ");
			return (typed != null) ? new String(typed) : null;
		}
		String line = new BufferedReader(new InputStreamReader(this.in, StandardCharsets.UTF_8)).readLine();
		return (line != null && !line.isEmpty()) ? line : null;
	}

	private static String option(String[] args, String name) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		for (String arg : args) {
			if (arg.startsWith(name + "=")) {
				return arg.substring(name.length() + 1);
			}
		}
		return null;
	}

}
