package dev.jwtauth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local default keeps its users, password hashes included, in H2 files under
 * {@code ./data}: the service started on a fresh directory leaves nothing there that
 * anybody but its owner can read.
 */
@Tag("slow")
class EmbeddedDatabaseFilesTests {

	private static final String SECRET = "J3oUDb2HfrWSX2K4RtFXgGnw7QdVw1jRgdr4/+QybzU=";

	@TempDir
	Path root;

	@ParameterizedTest(name = "secret configured: {0}")
	@ValueSource(booleans = { false, true })
	void startWhenDirectoryIsNewThenItAndEveryFileInItAreOwnerOnly(boolean secretConfigured) throws Exception {
		Path data = this.root.resolve("data");

		start(data, secretConfigured ? SECRET : "");

		assertThat(permissions(data)).isEqualTo("rwx------");
		assertThat(data.resolve("jwt-auth.mv.db")).exists();
		assertThat(data.resolve("jwt-secret").toFile().exists()).isNotEqualTo(secretConfigured);
		try (Stream<Path> files = Files.list(data)) {
			List<Path> all = files.toList();
			assertThat(all).isNotEmpty().allSatisfy((file) -> assertThat(permissions(file)).isEqualTo("rw-------"));
		}
	}

	@Test
	void startWhenDatabaseFileIsReadableByOthersThenMadeOwnerOnly() throws Exception {
		Path data = this.root.resolve("data");
		start(data, SECRET);
		Files.setPosixFilePermissions(data.resolve("jwt-auth.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

		start(data, SECRET);

		assertThat(permissions(data.resolve("jwt-auth.mv.db"))).isEqualTo("rw-------");
	}

	private static void start(Path data, String secret) {
		new SpringApplicationBuilder(JwtAuthApplication.class)
			.run("--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + data.resolve("jwt-auth"),
					"--auth.token.secret-file=" + data.resolve("jwt-secret"), "--auth.token.secret=" + secret)
			.close();
	}

	private static String permissions(Path path) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
