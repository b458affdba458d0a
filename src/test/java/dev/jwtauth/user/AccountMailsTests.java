package dev.jwtauth.user;

import java.time.Duration;

import dev.jwtauth.mail.Mailer;
import dev.jwtauth.security.OneTimeSecrets;
import dev.jwtauth.throttle.MailRequestLimit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class AccountMailsTests {

	@Test
	void startWhenVerifiedAddressesRequiredAndMailOffThenRefusedSayingWhy() {
		Mailer mailOff = mock(Mailer.class);
		given(mailOff.isEnabled()).willReturn(false);
		RecoveryProperties requireVerified = new RecoveryProperties(null, null, null, Duration.ofMinutes(30),
				Duration.ofHours(24), true);

		assertThatIllegalStateException()
			.isThrownBy(() -> new AccountMails(mailOff, mock(OneTimeSecrets.class), null, requireVerified,
					mock(MailRequestLimit.class)))
			.withMessageContaining("AUTH_REQUIRE_VERIFIED_EMAIL needs mail");
	}

}
