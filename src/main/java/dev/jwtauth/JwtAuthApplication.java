package dev.jwtauth;

import java.util.Arrays;

import dev.jwtauth.admin.CreateSuperuserCommand;
import dev.jwtauth.django.ImportDjangoUsersCommand;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.SpringProperties;

@SpringBootApplication
public class JwtAuthApplication {

	/**
	 * Starts the service, or runs the command the first argument names. A command starts
	 * a context without a web server, not the one Spring AOT worked out at build time, so
	 * it runs without AOT's generated code even where the service starts with it.
	 */
	public static void main(String[] args) throws Exception {
		String command = (args.length > 0) ? args[0] : "";
		if (command.equals(CreateSuperuserCommand.NAME) || command.equals(ImportDjangoUsersCommand.NAME)) {
			SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
			String[] commandArgs = Arrays.copyOfRange(args, 1, args.length);
			System.exit(command.equals(CreateSuperuserCommand.NAME)
					? new CreateSuperuserCommand(System.getenv(), System.in, System.out, System.err)
						.run(JwtAuthApplication.class, commandArgs)
					: new ImportDjangoUsersCommand(System.out, System.err).run(JwtAuthApplication.class, commandArgs));
		}
		SpringApplication.run(JwtAuthApplication.class, args);
	}

}
