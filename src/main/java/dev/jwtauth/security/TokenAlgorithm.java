package dev.jwtauth.security;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * The JWS algorithms the service signs its tokens with. HS256, with a shared secret, is
 * the default; the asymmetric ones sign with a private key and publish the public key, so
 * that other services verify tokens without being able to issue them.
 */
public enum TokenAlgorithm {

	/** HMAC with SHA-256 over a shared secret. */
	HS256(null, null),

	/** ECDSA on P-256 with SHA-256: small keys and tokens, fast to sign. */
	ES256("EC", new ECGenParameterSpec("secp256r1")),

	/**
	 * RSASSA-PKCS1-v1_5 with SHA-256, at least 2048-bit keys: what every verifier has.
	 */
	RS256("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));

	private final String keyAlgorithm;

	private final AlgorithmParameterSpec generatedKey;

	TokenAlgorithm(String keyAlgorithm, AlgorithmParameterSpec generatedKey) {
		this.keyAlgorithm = keyAlgorithm;
		this.generatedKey = generatedKey;
	}

	boolean isAsymmetric() {
		return this.keyAlgorithm != null;
	}

	/** The JCA name of the key type, as {@code KeyFactory} knows it. */
	String keyAlgorithm() {
		return this.keyAlgorithm;
	}

	KeyPair generateKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(this.keyAlgorithm);
			generator.initialize(this.generatedKey);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java platform generates " + this.keyAlgorithm + " keys", ex);
		}
	}

}
