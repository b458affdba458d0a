package dev.jwtauth.web;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the envelope converter in front of Spring MVC's own, and shares it with the
 * security error handlers so that every body has one shape.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

	private final UserEnvelopeConverter converter;

	WebConfig(JsonMapper jsonMapper) {
		this.converter = new UserEnvelopeConverter(jsonMapper);
	}

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.addCustomConverter(this.converter);
	}

	@Bean
	TokenAuthenticationEntryPoint tokenAuthenticationEntryPoint() {
		return new TokenAuthenticationEntryPoint(this.converter);
	}

}
