package dev.jwtauth.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TokenAuthenticationFilterTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "Token abc.def.ghi|abc.def.ghi", "token abc|abc", "TOKEN abc|abc",
			"Bearer abc|abc", "bEaReR abc|abc", "Token   abc|abc" })
	void tokenOfWhenTokenOrBearerSchemeThenToken(String header, String token) {
		assertThat(TokenAuthenticationFilter.tokenOf(header)).isEqualTo(token);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(
			strings = { "Token", "Token ", "Bearer", "Token a b", "Basic dXNlcjpwYXNz", "Tokenabc", "JWT abc", "abc" })
	void tokenOfWhenNoTokenOrExtraPartsThenNoCredentials(String header) {
		assertThat(TokenAuthenticationFilter.tokenOf(header)).isNull();
	}

}
