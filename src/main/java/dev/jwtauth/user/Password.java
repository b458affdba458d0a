package dev.jwtauth.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import org.hibernate.validator.constraints.CodePointLength;

/**
 * 8 to 128 characters of any kind, counted as Unicode code points.
 */
@Documented
@Constraint(validatedBy = {})
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@CodePointLength(min = 8, message = Messages.PASSWORD_TOO_SHORT)
@CodePointLength(max = 128, message = Messages.PASSWORD_TOO_LONG)
@interface Password {

	String message() default Messages.PASSWORD_TOO_SHORT;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
