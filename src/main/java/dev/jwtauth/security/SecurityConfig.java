package dev.jwtauth.security;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The one security filter chain: stateless, authenticated by the token filter, every
 * mapped endpoint protected unless its handler is a {@link PublicEndpoint}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(CorsProperties.class)
@EnableMethodSecurity
public class SecurityConfig {

	/** Swagger UI, which reads the API's documentation; off with it, or alone. */
	public static final String[] SWAGGER_UI_PATHS = { "/swagger-ui.html", "/swagger-ui/**" };

	/**
	 * The API's documentation with Swagger UI; off altogether when API_DOCS_ENABLED is
	 * false.
	 */
	public static final String[] DOCUMENTATION_PATHS = Stream
		.concat(Stream.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**"), Stream.of(SWAGGER_UI_PATHS))
		.toArray(String[]::new);

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, CorsProperties cors, TokenService tokens,
			TokenSubjects subjects, ObjectProvider<PredecessorTokens> predecessorTokens,
			AuthenticationEntryPoint entryPoint, AccessDeniedHandler accessDeniedHandler,
			ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver,
			ObjectProvider<MeterRegistry> metrics) {
		http.cors(AbstractHttpConfigurer::disable);
		if (cors.enabled()) {
			http.addFilterAfter(corsFilter(cors, accessDeniedHandler), HeaderWriterFilter.class);
		}
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDeniedHandler))
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				// Liveness and readiness, for load balancers and orchestrators,
				// then the rest of Actuator, at its paths as configured
				// (MANAGEMENT_ENDPOINTS_WEB_BASE_PATH) on whichever port serves
				// them, and before the documentation, should it be moved under
				// the documentation's paths.
				.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
				.permitAll()
				.requestMatchers(EndpointRequest.toAnyEndpoint())
				.hasRole(Roles.STAFF)
				.requestMatchers(DOCUMENTATION_PATHS)
				.permitAll()
				.requestMatchers(new PublicRequestMatcher(handlerMappings))
				.permitAll()
				.anyRequest()
				.authenticated())
			.addFilterBefore(new TokenAuthenticationFilter(tokens, subjects,
					predecessorTokens.getIfAvailable(() -> PredecessorTokens.NONE), exceptionResolver,
					AuthMetrics.registry(metrics)), AnonymousAuthenticationFilter.class);
		return http.build();
	}

	/**
	 * Spring Security's firewall, but for header values: those in UTF-8 are read as UTF-8
	 * (see {@link HeaderValues}), so that clients whose User-Agent says more than ASCII
	 * can sign in; control characters and line separators are refused as before.
	 */
	@Bean
	static HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderValues(HeaderValues::isText);
		return firewall;
	}

	/**
	 * Spring Security would otherwise time each of its filters, its authentication and
	 * its authorization on every request. Requests are measured once, as
	 * {@code http.server.requests}, and authentication outcomes by the service's own
	 * counters ({@link AuthMetrics}).
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Where Spring Security puts its own CORS filter, with the refusal of a request from
	 * another origin answered as every refusal is: 403 in the envelope.
	 */
	private static CorsFilter corsFilter(CorsProperties properties, AccessDeniedHandler accessDeniedHandler) {
		DefaultCorsProcessor checks = new DefaultCorsProcessor() {

			@Override
			protected void rejectRequest(ServerHttpResponse response) {
				response.setStatusCode(HttpStatus.FORBIDDEN);
			}

		};
		CorsFilter filter = new CorsFilter(corsConfigurationSource(properties));
		filter.setCorsProcessor((configuration, request, response) -> {
			if (checks.processRequest(configuration, request, response)) {
				return true;
			}
			try {
				accessDeniedHandler.handle(request, response, new AccessDeniedException("Origin not allowed"));
			}
			catch (ServletException ex) {
				throw new IOException(ex);
			}
			return false;
		});
		return filter;
	}

	/**
	 * Tokens travel in the Authorization header, never in cookies, so credentials stay
	 * off and the listed origins are all that is trusted.
	 */
	private static CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
		CorsConfiguration configuration = new CorsConfiguration();
		properties.allowedOrigins()
			.stream()
			.filter((origin) -> !origin.isBlank())
			.forEach((origin) -> configuration.addAllowedOrigin(origin.strip()));
		configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
		configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
		configuration.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE));
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(properties.maxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", configuration);
		return source;
	}

}
