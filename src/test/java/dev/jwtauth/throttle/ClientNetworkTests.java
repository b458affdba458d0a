package dev.jwtauth.throttle;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientNetworkTests {

	@ParameterizedTest(name = "{0} counts as {1}")
	@CsvSource(delimiter = '|', textBlock = """
			192.0.2.1                | 192.0.2.1
			2001:db8:0:7:1:2:3:4     | 2001:db8:0:7::/64
			2001:DB8:0:7:ffff::1     | 2001:db8:0:7::/64
			2001:db8::5              | 2001:db8:0:0::/64
			::1                      | 0:0:0:0::/64
			fe80::1%eth0             | fe80:0:0:0::/64
			::ffff:192.0.2.1         | 192.0.2.1
			::192.0.2.1              | 192.0.2.1
			::                       | 0:0:0:0::/64
			64:ff9b::192.0.2.1       | 192.0.2.1
			64:ff9b::c000:201        | 192.0.2.1
			64:ff9b:1::c000:201      | 64:ff9b:1:0::/64
			2002:c000:201::1         | 192.0.2.1
			2002:c000:201:7::1       | 192.0.2.1
			""")
	void ofWhenAnAddressThenItsClient(String address, String client) {
		assertThat(ClientNetwork.of(address)).isEqualTo(client);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "unknown", "forged.example.com", "g::1", "1::2::3" })
	void ofWhenNotAnAddressThenAsItIsWithoutLookingItUp(String text) {
		assertThat(ClientNetwork.of(text)).isEqualTo(text);
	}

}
