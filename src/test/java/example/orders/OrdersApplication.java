package example.orders;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another service of the team, as docs/VERIFYING.md describes it: a stock Spring Boot
 * resource server that accepts the authentication service's tokens, configured by
 * properties alone (orders.yaml). Outside {@code dev.jwtauth}, so that the service's
 * component scan never finds it.
 */
@SpringBootApplication
public class OrdersApplication {

	/**
	 * Starts the service with its own orders.yaml, never the authentication service's
	 * application.yaml that shares its classpath in the tests.
	 */
	public static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(OrdersApplication.class).properties("spring.config.name=orders").run(args);
	}

}
