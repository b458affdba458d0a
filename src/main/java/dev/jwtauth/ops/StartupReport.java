package dev.jwtauth.ops;

import java.util.Arrays;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Says, once the service answers, where it listens, which database it uses (never with a
 * password) and which profiles are active.
 */
final class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger logger = LoggerFactory.getLogger(StartupReport.class);

	private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)(password|secret|sslpassword)=[^&;]*");

	private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String port = (event.getApplicationContext() instanceof WebServerApplicationContext web)
				? Integer.toString(web.getWebServer().getPort()) : "none";
		String profiles = Arrays.toString(environment.getActiveProfiles().length > 0 ? environment.getActiveProfiles()
				: environment.getDefaultProfiles());
		logger.info("Ready on port {}, database {} as {}, profiles {}", port,
				safe(environment.getProperty("spring.datasource.url", "(none)")),
				environment.getProperty("spring.datasource.username", "(none)"), profiles);
	}

	/** A JDBC URL without the passwords some drivers accept in it. */
	static String safe(String url) {
		return USER_INFO.matcher(SECRET_PARAMETER.matcher(url).replaceAll("$1=***")).replaceAll("//***@");
	}

}
