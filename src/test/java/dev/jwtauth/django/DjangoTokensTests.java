package dev.jwtauth.django;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import dev.jwtauth.security.PredecessorTokens;
import dev.jwtauth.security.PredecessorTokens.PredecessorToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tokens that PyJWT signed as the original service did, at chosen times.
 */
class DjangoTokensTests {

	private static final Instant CUT_OFF = Instant.parse("2099-01-01T00:00:00Z");

	@Test
	void verifyWhenBeforeExpirationAndCutOffThenTheUser() {
		assertThat(tokensAt("2030-01-01T00:00:00Z").verify(DjangoFixtures.token("alice")))
			.contains(new PredecessorToken(1, false));
		assertThat(tokensAt("2030-01-01T00:00:00Z").verify(DjangoFixtures.token("frank")))
			.contains(new PredecessorToken(8, false));
	}

	@Test
	void verifyWhenItsExpirationHasPassedThenExpired() {
		assertThat(tokensAt("2024-06-01T00:00:00.249Z").verify(DjangoFixtures.token("aliceExpired")))
			.contains(new PredecessorToken(1, false));
		assertThat(tokensAt("2024-06-01T00:00:00.250Z").verify(DjangoFixtures.token("aliceExpired")))
			.contains(new PredecessorToken(1, true));
	}

	@Test
	void verifyWhenTheCutOffHasPassedThenNotAccepted() {
		assertThat(tokensAt("2098-12-31T23:59:59Z").verify(DjangoFixtures.token("alice"))).isPresent();
		assertThat(tokensAt("2099-01-01T00:00:00Z").verify(DjangoFixtures.token("alice"))).isEmpty();
	}

	@Test
	void verifyWhenSignedWithAnotherKeyOrTamperedThenNotAccepted() {
		String token = DjangoFixtures.token("alice");
		String[] parts = token.split("\\.");
		String otherId = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"id\":2,\"expiration\":4102444800.5}".getBytes());

		assertThat(tokensAt("2030-01-01T00:00:00Z").verify(DjangoFixtures.token("aliceOtherKey"))).isEmpty();
		assertThat(tokensAt("2030-01-01T00:00:00Z").verify(parts[0] + "." + otherId + "." + parts[2])).isEmpty();
		assertThat(tokensAt("2030-01-01T00:00:00Z").verify(parts[0] + "." + parts[1] + ".")).isEmpty();
	}

	@Test
	void verifyWhenTheUserWasNotImportedThenNotAccepted() {
		assertThat(tokensAt("2030-01-01T00:00:00Z").verify(DjangoFixtures.token("notImported"))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a", "a.b", "a.b.c.d", "!!.!!.!!", "eyJhbGciOiJub25lIn0.eyJpZCI6MX0.", "e30.e30.e30" })
	void verifyWhenMalformedThenNotAcceptedWithoutThrowing(String token) {
		assertThat(tokensAt("2030-01-01T00:00:00Z").verify(token)).isEmpty();
	}

	@Test
	void tokensWhenNeitherSettingGivenThenNone() {
		assertThat(DjangoConfig.tokens(new DjangoProperties("", null), Clock.systemUTC(), (id) -> true))
			.isSameAs(PredecessorTokens.NONE);
	}

	@Test
	void tokensWhenOnlyOneSettingOrAMalformedCutOffThenRefused() {
		assertThatExceptionOfType(InvalidDjangoTokenWindowException.class)
			.isThrownBy(() -> DjangoConfig.tokens(new DjangoProperties("key", ""), Clock.systemUTC(), (id) -> true))
			.withMessage("DJANGO_SECRET_KEY is set but DJANGO_TOKENS_UNTIL is not: the two go together.");
		assertThatExceptionOfType(InvalidDjangoTokenWindowException.class)
			.isThrownBy(() -> DjangoConfig.tokens(new DjangoProperties(null, "2027-01-31T00:00:00Z"), Clock.systemUTC(),
					(id) -> true))
			.withMessage("DJANGO_TOKENS_UNTIL is set but DJANGO_SECRET_KEY is not: the two go together.");
		assertThatExceptionOfType(InvalidDjangoTokenWindowException.class).isThrownBy(
				() -> DjangoConfig.tokens(new DjangoProperties("key", "2027-01-31"), Clock.systemUTC(), (id) -> true))
			.withMessageContaining("DJANGO_TOKENS_UNTIL is not an ISO-8601 instant");
	}

	private static DjangoTokens tokensAt(String now) {
		return new DjangoTokens(DjangoFixtures.SECRET_KEY, CUT_OFF, Clock.fixed(Instant.parse(now), ZoneOffset.UTC),
				(id) -> id != 43);
	}

}
