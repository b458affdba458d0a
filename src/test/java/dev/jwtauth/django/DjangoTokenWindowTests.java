package dev.jwtauth.django;

import java.util.UUID;

import dev.jwtauth.JwtAuthApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The migration window as operators configure it: both settings or neither, and never the
 * secret in the logs.
 */
@ExtendWith(OutputCaptureExtension.class)
@Tag("slow")
class DjangoTokenWindowTests {

	@Test
	void startWhenOnlyTheSecretKeyIsSetThenRefusedClearly() {
		assertThatException().isThrownBy(() -> start("--auth.django.secret-key=" + DjangoFixtures.SECRET_KEY))
			.withStackTraceContaining("DJANGO_SECRET_KEY is set but DJANGO_TOKENS_UNTIL is not");
	}

	@Test
	void startWhenTheCutOffIsNoInstantThenRefusedClearly(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> start("--auth.django.secret-key=" + DjangoFixtures.SECRET_KEY,
					"--auth.django.tokens-until=next year"))
			.withStackTraceContaining("DJANGO_TOKENS_UNTIL is not an ISO-8601 instant");
		assertThat(output).doesNotContain(DjangoFixtures.SECRET_KEY);
	}

	@Test
	void startWhenBothAreSetThenSaysUntilWhenWithoutTheSecret(CapturedOutput output) {
		start("--auth.django.secret-key=" + DjangoFixtures.SECRET_KEY,
				"--auth.django.tokens-until=2200-01-01T00:00:00Z");

		assertThat(output).contains("Accepting tokens of the original Django service until 2200-01-01T00:00:00Z")
			.doesNotContain(DjangoFixtures.SECRET_KEY);
	}

	private static void start(String... settings) {
		String[] args = new String[settings.length + 3];
		System.arraycopy(settings, 0, args, 0, settings.length);
		args[settings.length] = "--server.port=0";
		args[settings.length + 1] = "--spring.profiles.active=test";
		args[settings.length + 2] = "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID();
		new SpringApplicationBuilder(JwtAuthApplication.class).run(args).close();
	}

}
