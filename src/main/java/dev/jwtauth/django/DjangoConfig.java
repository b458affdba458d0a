package dev.jwtauth.django;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.LongPredicate;

import dev.jwtauth.security.PredecessorTokens;
import dev.jwtauth.user.UserImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The migration window, during which the original Django service's tokens are accepted.
 * Its password hashes need no setting: {@link DjangoPasswordHashes} is found on the
 * classpath.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DjangoProperties.class)
class DjangoConfig {

	private static final Logger logger = LoggerFactory.getLogger(DjangoConfig.class);

	@Bean
	PredecessorTokens djangoTokens(DjangoProperties properties, UserImport imports) {
		return tokens(properties, Clock.systemUTC(), imports::isImported);
	}

	/**
	 * The original's tokens until the cut-off when both settings are given; none when
	 * neither is.
	 * @throws InvalidDjangoTokenWindowException when only one is given, or the cut-off is
	 * not an instant
	 */
	static PredecessorTokens tokens(DjangoProperties properties, Clock clock, LongPredicate imported) {
		boolean hasKey = isSet(properties.secretKey());
		boolean hasCutOff = isSet(properties.tokensUntil());
		if (!hasKey && !hasCutOff) {
			return PredecessorTokens.NONE;
		}
		if (hasKey != hasCutOff) {
			throw new InvalidDjangoTokenWindowException((hasKey ? "DJANGO_SECRET_KEY is set but DJANGO_TOKENS_UNTIL"
					: "DJANGO_TOKENS_UNTIL is set but DJANGO_SECRET_KEY") + " is not: the two go together.");
		}
		Instant until = cutOff(properties.tokensUntil().strip());
		if (until.isAfter(clock.instant())) {
			logger.info("Accepting tokens of the original Django service until {}", until);
		}
		else {
			logger.warn("DJANGO_TOKENS_UNTIL ({}) has passed: tokens of the original Django service are refused",
					until);
		}
		return new DjangoTokens(properties.secretKey(), until, clock, imported);
	}

	private static Instant cutOff(String tokensUntil) {
		try {
			return Instant.parse(tokensUntil);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidDjangoTokenWindowException("DJANGO_TOKENS_UNTIL is not an ISO-8601 instant such as "
					+ "2027-01-31T00:00:00Z: '" + tokensUntil + "'.");
		}
	}

	private static boolean isSet(String value) {
		return value != null && !value.isBlank();
	}

}
