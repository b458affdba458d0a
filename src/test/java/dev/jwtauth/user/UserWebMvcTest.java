package dev.jwtauth.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.jwtauth.security.CredentialsConfig;
import dev.jwtauth.security.SecurityConfig;
import dev.jwtauth.security.TokenSubjects;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The web layer of the service with its real security configuration and converter, and
 * mocks in place of the services and the user lookup; inject them with
 * {@code @Autowired}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@ActiveProfiles("test")
@Import({ SecurityConfig.class, CredentialsConfig.class })
@MockitoBean(types = { UserService.class, SigninService.class, PasswordResets.class, EmailVerifications.class,
		TokenSubjects.class, UserAdministration.class, Sessions.class })
@interface UserWebMvcTest {

}
