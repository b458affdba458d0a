package dev.jwtauth.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jwtauth.security.TokenService.SigningKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issuing and verifying a token, as every signin and every authenticated request does,
 * with each algorithm the service signs with. With an asymmetric algorithm the HMAC
 * secret is configured as well, as in production, where it still verifies earlier HS256
 * tokens.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenBenchmarks {

	@Param({ "HS256", "ES256", "RS256" })
	private TokenAlgorithm algorithm;

	private TokenService tokens;

	private String token;

	@Setup
	public void setUp() {
		byte[] secret = new byte[64];
		new SecureRandom().nextBytes(secret);
		SigningKeys keys = this.algorithm.isAsymmetric() ? SigningKeys.asymmetric(this.algorithm,
				this.algorithm.generateKeyPair().getPrivate(), List.of(), List.of(secret))
				: SigningKeys.hmac(List.of(secret));
		this.tokens = new TokenService(keys, "jwt-auth", List.of(), Duration.ofHours(24), Clock.systemUTC());
		this.token = this.tokens.issue(42, 0);
	}

	/** A token signed, as on every signin. */
	@Benchmark
	public String issue() {
		return this.tokens.issue(42, 0);
	}

	/** A token presented again, as on every request after a client's first. */
	@Benchmark
	public VerifiedToken verify() throws TokenRejectedException {
		return this.tokens.verify(this.token);
	}

	/**
	 * A token checked in full by the JWT library, signature included, as on its first
	 * use: the parse path, which remembers nothing.
	 */
	@Benchmark
	public Object verifyFirstUse() throws TokenRejectedException {
		return this.tokens.parse(this.token);
	}

}
