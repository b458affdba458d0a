package dev.jwtauth.ops;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a setting that cannot change after the build into Boot's start-up failure report.
 */
class BuildTimeSettingFailureAnalyzer extends AbstractFailureAnalyzer<BuildTimeSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BuildTimeSettingException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"These settings choose which parts of the application exist. Unset them, run the jar without "
						+ "-Dspring.aot.enabled=true, or build the image with them (for the Spring AOT step, "
						+ "spring-boot-maven-plugin's process-aot execution in pom.xml).",
				cause);
	}

}
