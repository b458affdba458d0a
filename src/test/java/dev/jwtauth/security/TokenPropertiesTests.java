package dev.jwtauth.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token settings as the application's own configuration file binds them.
 */
class TokenPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withUserConfiguration(Settings.class);

	@Test
	void defaultsThen24HoursNoSecretAndAFileUnderData() {
		this.context.run((context) -> {
			TokenProperties properties = context.getBean(TokenProperties.class);
			assertThat(properties.lifetime()).isEqualTo(Duration.ofHours(24));
			assertThat(properties.hasSecret()).isFalse();
			assertThat(properties.previousSecrets()).isEmpty();
			assertThat(properties.secretFile()).isEqualTo(Path.of("data/jwt-secret"));
			assertThat(properties.algorithm()).isEqualTo(TokenAlgorithm.HS256);
			assertThat(properties.privateKey()).isNullOrEmpty();
			assertThat(properties.privateKeyFile()).isNull();
			assertThat(properties.previousPublicKeys()).isEmpty();
			assertThat(properties.issuer()).isEqualTo("jwt-auth");
			assertThat(properties.audience()).isEmpty();
		});
	}

	@Test
	void environmentVariablesThenBound() {
		withEnvironment(Map.of("JWT_SECRET", "c2VjcmV0", "JWT_LIFETIME", "15m", "JWT_SECRET_FILE", "/run/secrets/jwt"))
			.run((context) -> {
				TokenProperties properties = context.getBean(TokenProperties.class);
				assertThat(properties.secret()).isEqualTo("c2VjcmV0");
				assertThat(properties.lifetime()).isEqualTo(Duration.ofMinutes(15));
				assertThat(properties.secretFile()).isEqualTo(Path.of("/run/secrets/jwt"));
			});
	}

	@Test
	void toStringThenNoSecretNorPrivateKey() {
		withEnvironment(Map.of("JWT_SECRET", "current-secret-value", "JWT_PREVIOUS_SECRETS", "previous-secret-value",
				"JWT_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----private-key-value"))
			.run((context) -> assertThat(context.getBean(TokenProperties.class).toString()).contains("HS256")
				.doesNotContain("current-secret-value")
				.doesNotContain("previous-secret-value")
				.doesNotContain("private-key-value"));
	}

	@Test
	void asymmetricSettingsThenBound() {
		withEnvironment(Map.of("JWT_ALGORITHM", "ES256", "JWT_PRIVATE_KEY_FILE", "/run/secrets/jwt-key.pem",
				"JWT_ISSUER", "https://auth.example.com", "JWT_AUDIENCE", "orders, billing"))
			.run((context) -> {
				TokenProperties properties = context.getBean(TokenProperties.class);
				assertThat(properties.algorithm()).isEqualTo(TokenAlgorithm.ES256);
				assertThat(properties.privateKeyFile()).isEqualTo(Path.of("/run/secrets/jwt-key.pem"));
				assertThat(properties.issuer()).isEqualTo("https://auth.example.com");
				assertThat(properties.audience()).containsExactly("orders", "billing");
			});
	}

	@Test
	void issuerNotSetThenThePublicUrl() {
		withEnvironment(Map.of("PUBLIC_URL", "https://auth.example.com"))
			.run((context) -> assertThat(context.getBean(TokenProperties.class).issuer())
				.isEqualTo("https://auth.example.com"));
	}

	@Test
	void algorithmUnknownThenRefusesToStart() {
		withEnvironment(Map.of("JWT_ALGORITHM", "none")).run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void lifetimeNotPositiveThenRefusesToStart() {
		withEnvironment(Map.of("JWT_LIFETIME", "0s")).run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("JWT_LIFETIME"));
	}

	/**
	 * The context with {@code variables} as the process environment, in the place and
	 * kind of property source Spring Boot gives the real one.
	 */
	private ApplicationContextRunner withEnvironment(Map<String, Object> variables) {
		return this.context.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TokenProperties.class)
	static class Settings {

	}

}
