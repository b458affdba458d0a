package dev.jwtauth.security;

import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes and checks passwords. A check against no hash still costs one full hash, so that
 * an unknown user takes as long to refuse as a wrong password.
 */
public class PasswordHasher {

	private final PasswordEncoder encoder;

	private final String decoyHash;

	private final Timer hashing;

	private final Timer verifying;

	PasswordHasher(PasswordEncoder encoder, MeterRegistry metrics) {
		this.encoder = encoder;
		this.decoyHash = encoder.encode(UUID.randomUUID().toString());
		this.hashing = metrics.timer(AuthMetrics.PASSWORD_HASHING, "operation", "hash");
		this.verifying = metrics.timer(AuthMetrics.PASSWORD_HASHING, "operation", "verify");
	}

	public String hash(String password) {
		return this.hashing.record(() -> this.encoder.encode(password));
	}

	/**
	 * Whether {@code password} matches {@code hash}; {@code false} after the same work
	 * when there is no hash to check.
	 */
	public boolean matches(String password, String hash) {
		if (hash == null) {
			this.verifying.record(() -> this.encoder.matches(password, this.decoyHash));
			return false;
		}
		return this.verifying.record(() -> this.encoder.matches(password, hash));
	}

	/**
	 * Whether {@code hash}, which a password was just checked against, is of an older
	 * kind or weaker parameters than the service writes now, and should be replaced.
	 */
	public boolean isOutdated(String hash) {
		return this.encoder.upgradeEncoding(hash);
	}

}
