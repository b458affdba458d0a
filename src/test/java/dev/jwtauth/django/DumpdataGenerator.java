package dev.jwtauth.django;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a dumpdata file of many valid users, as the original's {@code dumpdata} would,
 * one record at a time: for imports at real size.
 */
final class DumpdataGenerator {

	/** A pbkdf2_sha256 hash as Django writes it; its users sign in with "password". */
	static final String HASH = "pbkdf2_sha256$1000$c2FsdHNhbHQ$LpvyNaGngVxPPCbD7r1DkH3MJNGf7xrn5vbqR+c/8pc=";

	private DumpdataGenerator() {
	}

	static void write(Path file, int users) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file)) {
			out.write("[\n");
			for (int pk = 1; pk <= users; pk++) {
				out.write("""
						{"model": "users.user", "pk": %d, "fields": {"password": "%s", "last_login": null, \
						"is_superuser": false, "username": "user%d", "email": "user%d@example.com", \
						"is_active": true, "is_staff": false, "created_at": "2023-01-02T09:30:15.123Z", \
						"updated_at": "2024-02-02T18:05:00Z", "groups": [], "user_permissions": []}}""".formatted(pk,
						HASH, pk, pk));
				out.write((pk < users) ? ",\n" : "\n");
			}
			out.write("]\n");
		}
	}

}
