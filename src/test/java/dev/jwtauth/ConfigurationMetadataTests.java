package dev.jwtauth;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code auth.*} setting the service reads is described in the metadata that IDEs
 * complete settings from, with its default.
 */
class ConfigurationMetadataTests {

	@Test
	void everyAuthSettingInTheApplicationConfigurationIsDescribedWithItsDefault() throws IOException {
		Map<String, JsonNode> described = new LinkedHashMap<>();
		try (InputStream metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getInputStream()) {
			JsonMapper.shared()
				.readTree(metadata)
				.path("properties")
				.forEach((property) -> described.put(property.path("name").asString(), property));
		}

		Set<String> settings = authSettings();

		assertThat(settings).isNotEmpty();
		for (String setting : settings) {
			assertThat(described).as("metadata of %s", setting).containsKey(setting);
			assertThat(described.get(setting).path("description").asString()).as("description of %s", setting)
				.isNotBlank();
		}
		assertThat(described.get("auth.throttle.per-account.max-failures").path("defaultValue").asInt()).isEqualTo(5);
	}

	/** The auth.* keys of application.yaml, with dots between their levels. */
	private static Set<String> authSettings() throws IOException {
		try (InputStream yaml = new ClassPathResource("application.yaml").getInputStream()) {
			Map<String, Object> root = new Yaml().load(yaml);
			Set<String> keys = new TreeSet<>();
			flatten("auth", root.get("auth"), keys);
			return keys;
		}
	}

	private static void flatten(String prefix, Object value, Set<String> keys) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> flatten(prefix + "." + key, child, keys));
		}
		else {
			keys.add(prefix);
		}
	}

}
