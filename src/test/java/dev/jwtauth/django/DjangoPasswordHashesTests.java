package dev.jwtauth.django;

import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import dev.jwtauth.security.HashCost;
import dev.jwtauth.security.LegacyHashLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hashes that Django's make_password wrote, checked against the passwords they were made
 * of.
 */
class DjangoPasswordHashesTests {

	/** The limits of the default settings. */
	private static final LegacyHashLimits DEFAULTS = new LegacyHashLimits(32 * 1024, 1_200_000, 12);

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

	/** Hashes no password matches: malformed, or of a kind not checked here. */
	static Stream<String> malformedHashes() {
		return Stream.of("", "!", "pbkdf2_sha256", "pbkdf2_sha256$", "pbkdf2_sha256$abc$salt$aGFzaA==",
				"pbkdf2_sha256$0$salt$aGFzaA==", "pbkdf2_sha256$-5$salt$aGFzaA==",
				"pbkdf2_sha256$1000$salt$not base64!", "pbkdf2_sha256$1000$$aGFzaA==", "pbkdf2_sha256$1000$salt$",
				"pbkdf2_sha256$1000$salt", "pbkdf2_sha1$1000$a$b$c", "argon2$argon2id$v=19$m=x,t=2,p=1$c2FsdA$aGFzaA",
				"argon2$garbage", "argon2$argon2id$v=19$m=65536,t=2,p=1$%%%$aGFzaA", "bcrypt_sha256$$2b$12$short",
				"bcrypt$$2x$", "bcrypt_sha256$", "md5$salt$0123456789abcdef0123456789abcdef", "unsalted_md5$$abc",
				"scrypt$16384$salt$8$1$aGFzaA==", "{argon2}$argon2id$v=19$m=16,t=1,p=1$c2FsdA$aGFzaA");
	}

	@ParameterizedTest
	@MethodSource("malformedHashes")
	void matchesWhenHashMalformedOrOfAnotherKindThenFalseWithoutThrowing(String hash) {
		assertThat(this.hashes.matches("alice-password-1", hash)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("malformedHashes")
	void costWhenHashMalformedOrOfAnotherKindThenRefused(String hash) {
		assertThat(this.hashes.cost(hash, DEFAULTS).isCheckable()).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "1, pbkdf2_sha256 iterations=260000", "2, pbkdf2_sha1 iterations=260000", "4, bcrypt_sha256 cost=12",
			"8, pbkdf2_sha256 iterations=260000" })
	void costWhenKindCheckedWithinTheDefaultLimitsThenCheckedWithoutHeapOfItsOwn(long pk, String kind) {
		HashCost cost = this.hashes.cost(DjangoFixtures.hash(pk), DEFAULTS);

		assertThat(cost.isCheckable()).isTrue();
		assertThat(cost.kind()).isEqualTo("django " + kind);
		assertThat(cost.memoryKib()).isZero();
	}

	@Test
	void costWhenArgon2AtDjangosDefaultsThenRefusedUnlessTheMemoryLimitIsRaised() {
		String carol = DjangoFixtures.hash(3);

		assertThat(this.hashes.cost(carol, DEFAULTS).refusal()).isEqualTo("its Argon2 hash needs 100 MiB of memory "
				+ "per check, more than PASSWORD_HASHING_MAX_LEGACY_MEMORY (32 MiB)");
		HashCost raised = this.hashes.cost(carol, new LegacyHashLimits(100 * 1024, 1_200_000, 12));
		assertThat(raised.isCheckable()).isTrue();
		assertThat(raised.memoryKib()).isEqualTo(102400);
		assertThat(raised.kind()).isEqualTo("django argon2 argon2id m=102400,t=2,p=8");
	}

	@Test
	void costWhenBeyondTheProcessorLimitsThenRefusedNamingTheSetting() {
		LegacyHashLimits strict = new LegacyHashLimits(1024, 100_000, 10);

		assertThat(this.hashes.cost(DjangoFixtures.hash(1), strict).refusal()).isEqualTo(
				"its PBKDF2 hash has 260000 iterations, more than PASSWORD_HASHING_MAX_LEGACY_ITERATIONS (100000)");
		assertThat(this.hashes.cost(DjangoFixtures.hash(4), strict).refusal())
			.isEqualTo("its bcrypt hash has cost 12, more than PASSWORD_HASHING_MAX_LEGACY_BCRYPT_COST (10)");
		assertThat(this.hashes.cost("argon2$argon2id$v=19$m=512,t=11,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", strict)
			.refusal()).isEqualTo("its Argon2 hash makes 11 passes, more than the 10 allowed");
	}

	/**
	 * Each further digest's worth of derived key costs all the iterations again: 168
	 * bytes of SHA-1 at the iteration limit would cost nine times what the limit allows.
	 */
	@Test
	void costWhenPbkdf2DerivesMoreOrLessThanItsDigestThenRefusedAndNeverChecked() {
		String longKey = Base64.getEncoder().encodeToString(new byte[168]);
		String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
		for (String hash : List.of("pbkdf2_sha1$1200000$salt$" + longKey, "pbkdf2_sha256$1000$salt$" + longKey,
				"pbkdf2_sha256$1000$salt$" + shortKey)) {
			assertThat(this.hashes.cost(hash, DEFAULTS).isCheckable()).as(hash).isFalse();
			assertThat(this.hashes.matches("password", hash)).as(hash).isFalse();
		}
		assertThat(this.hashes.cost(DjangoFixtures.hash(1), DEFAULTS).isCheckable()).isTrue();
	}

	@Test
	void costWhenOlderDjangoArgon2WithoutVersionThenChecked() {
		assertThat(this.hashes.cost("argon2$argon2i$m=512,t=2,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", DEFAULTS)
			.memoryKib()).isEqualTo(512);
	}

	@Test
	void costWhenPasswordUnusableThenRefusedAsUnusable() {
		assertThat(this.hashes.cost(DjangoFixtures.hash(7), DEFAULTS).refusal()).isEqualTo(HashCost.UNUSABLE);
	}

	@Test
	void isSupportedWhenKindCheckedHereThenTrue() {
		assertThat(DjangoPasswordHashes.isSupported(DjangoFixtures.hash(1))).isTrue();
		assertThat(DjangoPasswordHashes.isSupported(DjangoFixtures.hash(3))).isTrue();
		assertThat(DjangoPasswordHashes.isSupported(DjangoFixtures.hash(7))).isFalse();
		assertThat(DjangoPasswordHashes.isSupported("md5$salt$abc")).isFalse();
	}

}
