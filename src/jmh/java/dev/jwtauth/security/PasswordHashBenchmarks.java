package dev.jwtauth.security;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * One password hash at the parameters in production: what a signin, a signup and a
 * password change each cost on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PasswordHashBenchmarks {

	private final PasswordEncoder encoder = CredentialsConfig.passwordEncoder(Runtime.getRuntime().availableProcessors());

	private String hash;

	@Setup
	public void setUp() {
		this.hash = this.encoder.encode("correct horse battery staple");
	}

	@Benchmark
	public String hash() {
		return this.encoder.encode("correct horse battery staple");
	}

	@Benchmark
	public boolean verify() {
		return this.encoder.matches("correct horse battery staple", this.hash);
	}

}
