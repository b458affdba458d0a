package dev.jwtauth.web;

import dev.jwtauth.security.AuthMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Puts the envelope converter in front of Spring MVC's own, and shares it with the
 * security error handlers so that every body has one shape.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebConfig implements WebMvcConfigurer {

	private final UserEnvelopeConverter converter = new UserEnvelopeConverter();

	/**
	 * Bodies are JSON: the YAML converter that Spring MVC adds when a YAML library is on
	 * the class path (the API documentation brings one) is taken out, so that a YAML body
	 * gets the same 415 as any other type, not read past the envelope's checks.
	 */
	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.addCustomConverter(this.converter)
			.configureMessageConvertersList((converters) -> converters.removeIf((converter) -> converter
				.getSupportedMediaTypes()
				.stream()
				.anyMatch((type) -> !type.isWildcardSubtype() && type.isCompatibleWith(MediaType.APPLICATION_YAML))));
	}

	/**
	 * Every body is JSON: answering a client whose {@code Accept} excludes JSON with a
	 * 406 would leave it no readable error either. A handler that only produces another
	 * type (the API document as YAML) still answers in it.
	 */
	@Override
	public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
		configurer.ignoreAcceptHeader(true).defaultContentType(MediaType.APPLICATION_JSON, MediaType.ALL);
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

	/**
	 * Every path answers with and without its trailing slash, as the original service's
	 * do: the slash is trimmed before security and Spring MVC see the path, so that both
	 * decide on one form and each handler maps its path once.
	 */
	@Bean
	FilterRegistrationBean<UrlHandlerFilter> trailingSlashFilter() {
		FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(
				UrlHandlerFilter.trailingSlashHandler("/**").wrapRequest().build());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/**
	 * On Actuator's health paths, wherever MANAGEMENT_ENDPOINTS_WEB_BASE_PATH puts them.
	 */
	@Bean
	FilterRegistrationBean<HealthNotFoundFilter> healthNotFoundFilter(ObjectProvider<WebEndpointProperties> endpoints) {
		FilterRegistrationBean<HealthNotFoundFilter> registration = new FilterRegistrationBean<>(
				new HealthNotFoundFilter());
		registration.addUrlPatterns(endpoints.getIfAvailable(WebEndpointProperties::new).getBasePath() + "/health/*");
		return registration;
	}

	@Bean
	WebMvcRegistrations literalPathsFirst() {
		return new WebMvcRegistrations() {

			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new LiteralPathsFirstHandlerMapping();
			}

		};
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> envelopeErrorReports() {
		return (factory) -> factory.addContextCustomizers(
				(context) -> context.getParent().getPipeline().addValve(new EnvelopeErrorReportValve()));
	}

}
