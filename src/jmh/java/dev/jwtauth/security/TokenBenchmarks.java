package dev.jwtauth.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issuing and verifying a token, as every signin and every authenticated request does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenBenchmarks {

	private TokenService tokens;

	private String token;

	@Setup
	public void setUp() {
		byte[] secret = new byte[64];
		new SecureRandom().nextBytes(secret);
		this.tokens = new TokenService(SigningKeys.hmac(List.of(secret)), "jwt-auth", List.of(), Duration.ofHours(24),
				Clock.systemUTC());
		this.token = this.tokens.issue(42, 0);
	}

	@Benchmark
	public String issue() {
		return this.tokens.issue(42, 0);
	}

	/** A token presented again, as on every request after a client's first. */
	@Benchmark
	public VerifiedToken verify() throws TokenRejectedException {
		return this.tokens.verify(this.token);
	}

	/** A token checked in full by the JWT library, as on its first use. */
	@Benchmark
	public Object verifyFirstUse() throws TokenRejectedException {
		return this.tokens.parse(this.token);
	}

}
