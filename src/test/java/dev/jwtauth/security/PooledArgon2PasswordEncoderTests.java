package dev.jwtauth.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PooledArgon2PasswordEncoderTests {

	private final PooledArgon2PasswordEncoder encoder = new PooledArgon2PasswordEncoder(64, 3, 2);

	@Test
	void encodeThenArgon2idAtTheGivenCostsWithARandomSalt() {
		String hash = this.encoder.encode("correct horse");

		assertThat(hash).matches("\\$argon2id\\$v=19\\$m=64,t=3,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
		assertThat(this.encoder.encode("correct horse")).isNotEqualTo(hash);
	}

	@Test
	void matchesThenOnlyTheSamePassword() {
		String hash = this.encoder.encode("correct horse 🐎");

		assertThat(this.encoder.matches("correct horse 🐎", hash)).isTrue();
		assertThat(this.encoder.matches("correct horse 🐴", hash)).isFalse();
		assertThat(this.encoder.matches("", hash)).isFalse();
	}

	@Test
	void hashesThenReadAndWrittenAlikeBySpringSecuritysArgon2Encoder() {
		Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 64, 3);

		assertThat(spring.matches("pässword", this.encoder.encode("pässword"))).isTrue();
		assertThat(this.encoder.matches("pässword", spring.encode("pässword"))).isTrue();
		assertThat(this.encoder.matches("pässword", new Argon2PasswordEncoder(16, 32, 2, 128, 2).encode("pässword")))
			.isTrue();
	}

	@Test
	void matchesWhenConcurrentThenEachHashRight() throws Exception {
		List<String> passwords = List.of("one", "two", "three", "four", "five", "six", "seven", "eight");
		List<String> hashes = passwords.stream().map(this.encoder::encode).toList();
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int round = 0; round < 5; round++) {
				for (int i = 0; i < passwords.size(); i++) {
					String password = passwords.get(i);
					String hash = hashes.get(i);
					String other = hashes.get((i + 1) % hashes.size());
					results.add(executor
						.submit(() -> this.encoder.matches(password, hash) && !this.encoder.matches(password, other)));
				}
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void matchesWhenNotAnArgon2HashThenFalse() {
		String hash = this.encoder.encode("password");
		String[] parts = hash.split("\\$");

		assertThat(this.encoder.matches("password", null)).isFalse();
		assertThat(this.encoder.matches("password", "")).isFalse();
		assertThat(this.encoder.matches("password", "$2a$10$abcdefghijklmnopqrstuu")).isFalse();
		assertThat(this.encoder.matches("password", hash.replace("argon2id", "argon2x"))).isFalse();
		assertThat(this.encoder.matches("password", hash.replace("v=19", "v=16"))).isFalse();
		assertThat(this.encoder.matches("password", hash.replace("m=64", "m=abc"))).isFalse();
		assertThat(this.encoder.matches("password", hash.replace("m=64", "m=99999999"))).isFalse();
		assertThat(this.encoder.matches("password", hash.replace("t=3", "t=0"))).isFalse();
		assertThat(
				this.encoder.matches("password", "$" + parts[1] + "$" + parts[2] + "$" + parts[3] + "$!!$" + parts[5]))
			.isFalse();
		assertThat(this.encoder.matches("password", hash + "$extra")).isFalse();
	}

	@Test
	void upgradeEncodingWhenLessMemoryOrFewerPassesThenTrue() {
		assertThat(this.encoder.upgradeEncoding(this.encoder.encode("password"))).isFalse();
		assertThat(this.encoder.upgradeEncoding(new PooledArgon2PasswordEncoder(32, 3, 1).encode("password"))).isTrue();
		assertThat(this.encoder.upgradeEncoding(new PooledArgon2PasswordEncoder(64, 2, 1).encode("password"))).isTrue();
		assertThat(this.encoder.upgradeEncoding(new PooledArgon2PasswordEncoder(128, 4, 1).encode("password")))
			.isFalse();
	}

}
