package dev.jwtauth.web;

import dev.jwtauth.security.AuthMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the envelope converter in front of Spring MVC's own, and shares it with the
 * security error handlers so that every body has one shape.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebConfig implements WebMvcConfigurer {

	private final UserEnvelopeConverter converter = new UserEnvelopeConverter();

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.addCustomConverter(this.converter);
	}

	/**
	 * Every body is JSON: answering a client whose {@code Accept} excludes JSON with a
	 * 406 would leave it no readable error either.
	 */
	@Override
	public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
		configurer.ignoreAcceptHeader(true).defaultContentType(MediaType.APPLICATION_JSON);
	}

	@Bean
	TokenAuthenticationEntryPoint tokenAuthenticationEntryPoint(ObjectProvider<MeterRegistry> metrics) {
		return new TokenAuthenticationEntryPoint(this.converter, AuthMetrics.registry(metrics));
	}

	/**
	 * Right after the request log, so that its refusals are logged, and before security,
	 * so that no other filter reads what it refuses.
	 */
	@Bean
	FilterRegistrationBean<RequestInputFilter> requestInputFilter() {
		FilterRegistrationBean<RequestInputFilter> registration = new FilterRegistrationBean<>(
				new RequestInputFilter(this.converter));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> envelopeErrorReports() {
		return (factory) -> factory.addContextCustomizers(
				(context) -> context.getParent().getPipeline().addValve(new EnvelopeErrorReportValve()));
	}

}
