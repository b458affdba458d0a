package dev.jwtauth.django;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hashes that Django's make_password wrote, checked against the passwords they were made
 * of.
 */
class DjangoPasswordHashesTests {

	private final DjangoPasswordHashes hashes = new DjangoPasswordHashes();

	@ParameterizedTest
	@CsvSource({ "1, alice", "2, bob", "3, carol", "4, dave", "8, Frank" })
	void matchesWhenPasswordRightThenTrueForEachKindOfHash(long pk, String username) {
		assertThat(this.hashes.matches(DjangoFixtures.password(username), DjangoFixtures.hash(pk))).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "1, alice", "2, bob", "3, carol", "4, dave", "8, Frank" })
	void matchesWhenPasswordWrongThenFalseForEachKindOfHash(long pk, String username) {
		String password = DjangoFixtures.password(username);

		assertThat(this.hashes.matches(password + "x", DjangoFixtures.hash(pk))).isFalse();
		assertThat(this.hashes.matches(password.substring(1), DjangoFixtures.hash(pk))).isFalse();
	}

	@Test
	void matchesWhenPasswordUnusableThenFalse() {
		String unusable = DjangoFixtures.hash(7);

		assertThat(unusable).startsWith("!");
		assertThat(this.hashes.matches("", unusable)).isFalse();
		assertThat(this.hashes.matches(unusable, unusable)).isFalse();
		assertThat(this.hashes.matches(unusable.substring(1), unusable)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "!", "pbkdf2_sha256", "pbkdf2_sha256$", "pbkdf2_sha256$abc$salt$aGFzaA==",
			"pbkdf2_sha256$0$salt$aGFzaA==", "pbkdf2_sha256$-5$salt$aGFzaA==", "pbkdf2_sha256$1000$salt$not base64!",
			"pbkdf2_sha256$1000$$aGFzaA==", "pbkdf2_sha256$1000$salt$", "pbkdf2_sha256$1000$salt",
			"pbkdf2_sha1$1000$a$b$c", "argon2$argon2id$v=19$m=x,t=2,p=1$c2FsdA$aGFzaA", "argon2$garbage",
			"argon2$argon2id$v=19$m=65536,t=2,p=1$%%%$aGFzaA", "bcrypt_sha256$$2b$12$short", "bcrypt$$2x$",
			"bcrypt_sha256$", "md5$salt$0123456789abcdef0123456789abcdef", "unsalted_md5$$abc",
			"scrypt$16384$salt$8$1$aGFzaA==", "{argon2}$argon2id$v=19$m=16,t=1,p=1$c2FsdA$aGFzaA" })
	void matchesWhenHashMalformedOrOfAnotherKindThenFalseWithoutThrowing(String hash) {
		assertThat(this.hashes.matches("alice-password-1", hash)).isFalse();
	}

	@Test
	void isSupportedWhenKindCheckedHereThenTrue() {
		assertThat(DjangoPasswordHashes.isSupported(DjangoFixtures.hash(1))).isTrue();
		assertThat(DjangoPasswordHashes.isSupported(DjangoFixtures.hash(3))).isTrue();
		assertThat(DjangoPasswordHashes.isSupported(DjangoFixtures.hash(7))).isFalse();
		assertThat(DjangoPasswordHashes.isSupported("md5$salt$abc")).isFalse();
	}

}
