package dev.jwtauth;

import java.util.Arrays;

import dev.jwtauth.admin.CreateSuperuserCommand;
import dev.jwtauth.django.ImportDjangoUsersCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class JwtAuthApplication {

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals(CreateSuperuserCommand.NAME)) {
			CreateSuperuserCommand command = new CreateSuperuserCommand(System.getenv(), System.in, System.out,
					System.err);
			System.exit(command.run(JwtAuthApplication.class, Arrays.copyOfRange(args, 1, args.length)));
		}
		if (args.length > 0 && args[0].equals(ImportDjangoUsersCommand.NAME)) {
			ImportDjangoUsersCommand command = new ImportDjangoUsersCommand(System.out, System.err);
			System.exit(command.run(JwtAuthApplication.class, Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(JwtAuthApplication.class, args);
	}

}
