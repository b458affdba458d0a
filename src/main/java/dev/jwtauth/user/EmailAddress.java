package dev.jwtauth.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Email;

import org.hibernate.validator.constraints.CodePointLength;

/**
 * A valid address of at most 254 characters whose domain has a dot, as the original
 * accepted.
 */
@Documented
@Constraint(validatedBy = {})
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@CodePointLength(min = 1, message = Messages.BLANK)
@CodePointLength(max = 254, message = Messages.EMAIL_TOO_LONG)
@Email(regexp = "(.+@[^@]+\\.[^@.]+)?", message = Messages.INVALID_EMAIL)
@interface EmailAddress {

	String message() default Messages.INVALID_EMAIL;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
