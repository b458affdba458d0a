package dev.jwtauth.ops;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Not only for the web server: the command-line commands create the database too.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseFilesConfig {

	/** Static, so that it is in place before the data source is created. */
	@Bean
	static EmbeddedDatabaseFiles embeddedDatabaseFiles(Environment environment) {
		return new EmbeddedDatabaseFiles(environment.getProperty("spring.datasource.url", ""));
	}

}
