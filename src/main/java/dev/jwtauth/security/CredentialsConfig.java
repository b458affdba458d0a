package dev.jwtauth.security;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

import dev.jwtauth.security.TokenService.SigningKeys;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The credentials the service checks: tokens and password hashes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TokenProperties.class, PasswordHashingProperties.class })
public class CredentialsConfig {

	/**
	 * Argon2id at one of OWASP's equally strong minimums: 7 MiB of memory, 5 passes, 1
	 * lane (as strong as 19 MiB and 2 passes, for less than half the memory per signin).
	 */
	private static final int ARGON2_MEMORY_KIB = 7 * 1024;

	private static final int ARGON2_ITERATIONS = 5;

	/** The prefix of the hashes the service writes now. */
	private static final String CURRENT = "argon2";

	@Bean
	TokenService tokenService(TokenProperties properties, Environment environment) {
		return new TokenService(signingKeys(properties, isEmbeddedH2(environment)), properties.issuer(),
				properties.audience(), properties.lifetime(), Clock.systemUTC());
	}

	/**
	 * The keys of the configured algorithm. With an asymmetric one, configured HMAC
	 * secrets still verify the HS256 tokens issued before the switch, until they expire.
	 */
	private static SigningKeys signingKeys(TokenProperties properties, boolean localDatabase) {
		if (!properties.algorithm().isAsymmetric()) {
			return SigningKeys.hmac(SigningSecret.resolveAll(properties, localDatabase));
		}
		return SigningKeys.asymmetric(properties.algorithm(), AsymmetricKeys.privateKey(properties, localDatabase),
				AsymmetricKeys.previousPublicKeys(properties), SigningSecret.configured(properties));
	}

	/**
	 * Whether the database is the local default kind, an H2 database inside this process,
	 * where a generated secret may stand in for a configured one.
	 */
	private static boolean isEmbeddedH2(Environment environment) {
		String url = environment.getProperty("spring.datasource.url", "");
		return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
	}

	@Bean
	PasswordHasher passwordHasher(PasswordHashingProperties limits, ObjectProvider<MeterRegistry> metrics) {
		PooledArgon2PasswordEncoder current = currentEncoder(limits.permits());
		Map<String, LegacyHashFormat> legacy = legacyFormats();
		return new PasswordHasher(passwordEncoder(current, legacy), costs(current, legacy, limits.legacyLimits()),
				limits, CheckPadding.system(), AuthMetrics.registry(metrics));
	}

	/**
	 * The encoder of every password hash, at the parameters in production.
	 * @param concurrentHashes how many hashes run at once, whose memory is kept for reuse
	 */
	static PasswordEncoder passwordEncoder(int concurrentHashes) {
		return passwordEncoder(currentEncoder(concurrentHashes), legacyFormats());
	}

	private static PooledArgon2PasswordEncoder currentEncoder(int concurrentHashes) {
		return new PooledArgon2PasswordEncoder(ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, concurrentHashes);
	}

	private static PasswordEncoder passwordEncoder(PooledArgon2PasswordEncoder current,
			Map<String, LegacyHashFormat> legacy) {
		Map<String, PasswordEncoder> encoders = new HashMap<>(legacy);
		encoders.put(CURRENT, current);
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(CURRENT, encoders);
		// A stored hash without a known {id} prefix never matches, instead of failing.
		encoder.setDefaultPasswordEncoderForMatches(new UnknownHashEncoder());
		return encoder;
	}

	/**
	 * What a check against each stored hash costs, read from its {id} prefix as the
	 * encoder reads it; refused for a hash the encoder would never match.
	 */
	static Function<String, HashCost> costs(PooledArgon2PasswordEncoder current, Map<String, LegacyHashFormat> legacy,
			LegacyHashLimits limits) {
		return (stored) -> {
			int end = stored.indexOf('}');
			String id = (stored.startsWith("{") && end > 0) ? stored.substring(1, end) : null;
			if (CURRENT.equals(id)) {
				return current.cost(stored.substring(end + 1), limits);
			}
			LegacyHashFormat format = (id != null) ? legacy.get(id) : null;
			return (format != null) ? format.cost(stored.substring(end + 1), limits)
					: HashCost.refused(HashCost.UNUSABLE);
		};
	}

	/** The kinds of hash the service checks but no longer writes, by prefix. */
	private static Map<String, LegacyHashFormat> legacyFormats() {
		Map<String, LegacyHashFormat> formats = new HashMap<>();
		ServiceLoader.load(LegacyHashFormat.class).forEach((format) -> formats.put(format.id(), format));
		return formats;
	}

	/** Fails closed on a stored hash whose algorithm is not configured. */
	private static final class UnknownHashEncoder implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawPassword) {
			throw new UnsupportedOperationException("Only the current algorithm encodes");
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			return false;
		}

	}

}
