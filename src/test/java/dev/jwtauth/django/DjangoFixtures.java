package dev.jwtauth.django;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

/**
 * What the original Django stack wrote for the tests (see
 * {@code src/test/resources/django/README.md}): a dumpdata file, the passwords behind its
 * hashes, and tokens that PyJWT signed.
 */
final class DjangoFixtures {

	/** The original's SECRET_KEY, shorter than 256 bits, as Django keys may be. */
	static final String SECRET_KEY = token("secretKey");

	private DjangoFixtures() {
	}

	static Path dumpdata() {
		return resource("dumpdata.json");
	}

	static String password(String username) {
		return JsonPath.read(read("passwords.json"), "$['" + username + "']");
	}

	/** The hash the original stored for the user with this pk. */
	static String hash(long pk) {
		return JsonPath.<java.util.List<String>>read(read("dumpdata.json"), "$[?(@.pk == " + pk + ")].fields.password")
			.get(0);
	}

	static String token(String name) {
		return JsonPath.read(read("tokens.json"), "$." + name);
	}

	static Map<String, Object> passwords() {
		return JsonPath.read(read("passwords.json"), "$");
	}

	private static String read(String name) {
		try {
			return Files.readString(resource(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path resource(String name) {
		try {
			return Path.of(DjangoFixtures.class.getResource("/django/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
