package dev.jwtauth.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Spring Boot settings that decide which beans exist, and so are fixed when Spring AOT
 * works out the application context at build time. Started with AOT's generated context,
 * the service refuses to start when one of them is given a value at start that would have
 * given it other beans than the packaged configuration did, rather than run silently
 * without it. The service's own settings are all read at start. Checked once the
 * configuration is read, before anything is started.
 */
class BuildTimeSettings implements EnvironmentPostProcessor {

	/** Each setting, with what of its value decides the beans. */
	private static final List<Setting> SETTINGS = List.of(
			new Setting("management.endpoints.web.exposure.include", UnaryOperator.identity()),
			new Setting("management.endpoints.web.exposure.exclude", UnaryOperator.identity()),
			// A port of its own gives Actuator a child context of its own.
			new Setting("management.server.port", UnaryOperator.identity()),
			new Setting("spring.threads.virtual.enabled", UnaryOperator.identity()),
			// Only "framework" adds a filter; "native" and "none" are read by Tomcat at
			// start.
			new Setting("server.forward-headers-strategy",
					(value) -> String.valueOf("framework".equalsIgnoreCase(value))));

	/**
	 * @throws BuildTimeSettingException when started with AOT's generated context and a
	 * setting differs from the packaged configuration's in a way that would choose other
	 * beans
	 */
	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!AotDetector.useGeneratedArtifacts()) {
			return;
		}
		List<String> changed = new ArrayList<>();
		for (Setting setting : SETTINGS) {
			String packaged = setting.decisive().apply(value(environment, setting.name(), true));
			String atStart = setting.decisive().apply(value(environment, setting.name(), false));
			if (!Objects.equals(packaged, atStart)) {
				changed.add(setting.name());
			}
		}
		if (!changed.isEmpty()) {
			throw new BuildTimeSettingException(changed);
		}
	}

	/**
	 * The setting's value from the first source that has it, without surrounding spaces:
	 * among the configuration packaged in the jar only, or among all sources.
	 */
	private static String value(ConfigurableEnvironment environment, String name, boolean packagedOnly) {
		ConfigurationPropertyName key = ConfigurationPropertyName.of(name);
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (packagedOnly && !source.getName().contains("class path resource")) {
				continue;
			}
			ConfigurationPropertySource properties = ConfigurationPropertySource.from(source);
			ConfigurationProperty property = (properties != null) ? properties.getConfigurationProperty(key) : null;
			if (property != null) {
				return Objects.toString(property.getValue(), "").strip();
			}
		}
		return null;
	}

	private record Setting(String name, UnaryOperator<String> decisive) {

	}

}
