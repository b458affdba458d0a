package dev.jwtauth.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AsymmetricKeysTests {

	@TempDir
	Path directory;

	@Test
	void privateKeyWhenPemConfiguredThenParsed() {
		KeyPair pair = TokenAlgorithm.ES256.generateKeyPair();

		PrivateKey key = AsymmetricKeys.privateKey(
				properties(TokenAlgorithm.ES256, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), null, List.of()),
				false);

		assertThat(key.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
		assertThat(this.directory.resolve("data")).doesNotExist();
	}

	@Test
	void privateKeyWhenFileConfiguredThenRead() throws Exception {
		KeyPair pair = TokenAlgorithm.RS256.generateKeyPair();
		Path file = this.directory.resolve("key.pem");
		Files.writeString(file, "a comment line\n" + pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + "\n");

		PrivateKey key = AsymmetricKeys.privateKey(properties(TokenAlgorithm.RS256, null, file, List.of()), false);

		assertThat(key.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
	}

	@Test
	void privateKeyWhenFileMissingAndNotLocalDatabaseThenRefusesToStart() {
		Path file = this.directory.resolve("missing.pem");

		assertThatExceptionOfType(InvalidSigningSecretException.class)
			.isThrownBy(() -> AsymmetricKeys.privateKey(properties(TokenAlgorithm.ES256, null, file, List.of()), false))
			.withMessageContaining("JWT_PRIVATE_KEY_FILE " + file + " cannot be read");
		assertThat(file).doesNotExist();
	}

	@Test
	void privateKeyWhenNoneAndNotLocalDatabaseThenRefusesToStartSayingHowToMakeOne() {
		assertThatExceptionOfType(InvalidSigningSecretException.class)
			.isThrownBy(() -> AsymmetricKeys.privateKey(properties(TokenAlgorithm.ES256, "", null, List.of()), false))
			.withMessageContaining("JWT_ALGORITHM is ES256 but neither JWT_PRIVATE_KEY nor JWT_PRIVATE_KEY_FILE is set")
			.satisfies((ex) -> assertThat(ex.action()).contains("openssl genpkey -algorithm EC"));
		assertThat(this.directory.resolve("data")).doesNotExist();
	}

	@Test
	void privateKeyWhenNoneOnLocalDatabaseThenGeneratesOwnerOnlyFileBesideTheSecretAndReusesIt() throws Exception {
		TokenProperties properties = properties(TokenAlgorithm.ES256, null, null, List.of());

		PrivateKey first = AsymmetricKeys.privateKey(properties, true);
		PrivateKey second = AsymmetricKeys.privateKey(properties, true);

		Path file = this.directory.resolve("data/jwt-es256-key.pem");
		assertThat(first.getEncoded()).isEqualTo(second.getEncoded());
		assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
			.isEqualTo("rwx------");
	}

	@Test
	void privateKeyWhenKeyOfAnotherTypeOrTooWeakThenRefusesToStart() throws Exception {
		String ec = pem("PRIVATE KEY", TokenAlgorithm.ES256.generateKeyPair().getPrivate().getEncoded());
		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(1024);
		String weakRsa = pem("PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded());
		KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
		p384.initialize(new ECGenParameterSpec("secp384r1"));
		String otherCurve = pem("PRIVATE KEY", p384.generateKeyPair().getPrivate().getEncoded());

		assertRefused(TokenAlgorithm.RS256, ec, "JWT_PRIVATE_KEY is not a PKCS#8 RSA private key.");
		assertRefused(TokenAlgorithm.RS256, weakRsa, "JWT_PRIVATE_KEY is not a key RS256 can use");
		assertRefused(TokenAlgorithm.ES256, otherCurve, "JWT_PRIVATE_KEY is not a key ES256 can use");
		assertRefused(TokenAlgorithm.ES256, ec + "\n" + ec, "JWT_PRIVATE_KEY holds 2 private keys; one is required.");
	}

	@Test
	void privateKeyWhenNotPkcs8PemThenRefusesToStartSayingHowToConvertIt() {
		String sec1 = pem("EC PRIVATE KEY", new byte[32]);

		assertThatExceptionOfType(InvalidSigningSecretException.class)
			.isThrownBy(() -> AsymmetricKeys.privateKey(properties(TokenAlgorithm.ES256, sec1, null, List.of()), true))
			.withMessage(
					"JWT_PRIVATE_KEY holds a \"BEGIN EC PRIVATE KEY\" block; a \"BEGIN PRIVATE KEY\" block is required.")
			.satisfies((ex) -> assertThat(ex.action()).contains("openssl pkcs8 -topk8"));
		assertRefused(TokenAlgorithm.ES256, "not a key", "JWT_PRIVATE_KEY holds no \"BEGIN PRIVATE KEY\" block.");
		assertThat(this.directory.resolve("data")).doesNotExist();
	}

	@Test
	void previousPublicKeysThenEveryBlockOfEveryEntry() {
		KeyPair one = TokenAlgorithm.ES256.generateKeyPair();
		KeyPair two = TokenAlgorithm.ES256.generateKeyPair();
		KeyPair three = TokenAlgorithm.ES256.generateKeyPair();
		List<String> entries = List.of(
				pem("PUBLIC KEY", one.getPublic().getEncoded()) + "\n"
						+ pem("PUBLIC KEY", two.getPublic().getEncoded()),
				" ", pem("PUBLIC KEY", three.getPublic().getEncoded()));

		assertThat(AsymmetricKeys.previousPublicKeys(properties(TokenAlgorithm.ES256, null, null, entries)))
			.containsExactly(one.getPublic(), two.getPublic(), three.getPublic());
	}

	@Test
	void previousPublicKeysWhenAPrivateKeyOrAnotherTypeThenRefusesToStart() {
		KeyPair ec = TokenAlgorithm.ES256.generateKeyPair();
		List<String> privateKey = List.of(pem("PRIVATE KEY", ec.getPrivate().getEncoded()));
		List<String> otherType = List.of(pem("PUBLIC KEY", ec.getPublic().getEncoded()));

		assertThatExceptionOfType(InvalidSigningSecretException.class)
			.isThrownBy(
					() -> AsymmetricKeys.previousPublicKeys(properties(TokenAlgorithm.ES256, null, null, privateKey)))
			.withMessageContaining("\"BEGIN PRIVATE KEY\" block; a \"BEGIN PUBLIC KEY\" block is required");
		assertThatExceptionOfType(InvalidSigningSecretException.class)
			.isThrownBy(
					() -> AsymmetricKeys.previousPublicKeys(properties(TokenAlgorithm.RS256, null, null, otherType)))
			.withMessageContaining("is not an RSA public key");
	}

	private void assertRefused(TokenAlgorithm algorithm, String pem, String message) {
		assertThatExceptionOfType(InvalidSigningSecretException.class)
			.isThrownBy(() -> AsymmetricKeys.privateKey(properties(algorithm, pem, null, List.of()), true))
			.withMessageStartingWith(message)
			.withMessageNotContaining(pem.lines().skip(1).findFirst().orElse(pem));
	}

	private TokenProperties properties(TokenAlgorithm algorithm, String privateKey, Path privateKeyFile,
			List<String> previousPublicKeys) {
		return new TokenProperties(algorithm, null, List.of(), this.directory.resolve("data/jwt-secret"), privateKey,
				privateKeyFile, previousPublicKeys, "jwt-auth", List.of(), Duration.ofHours(1));
	}

	private static String pem(String kind, byte[] der) {
		return "-----BEGIN " + kind + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + kind + "-----";
	}

}
