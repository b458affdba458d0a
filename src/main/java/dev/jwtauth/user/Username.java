package dev.jwtauth.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.CodePointLength;

/**
 * 1 to 150 letters, numbers and {@code @ . + - _}, as the original's usernames: the
 * characters of Python's {@code \w} and Django's {@code [\w.@+-]}. Java's own {@code \w}
 * would also take combining marks, joiners and other characters that no one sees, so that
 * two names could look alike.
 */
@Documented
@Constraint(validatedBy = {})
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@CodePointLength(min = 1, message = Messages.BLANK)
@CodePointLength(max = 150, message = Messages.USERNAME_TOO_LONG)
@Pattern(regexp = "[\\p{L}\\p{N}_.@+-]*", message = Messages.INVALID_USERNAME)
@interface Username {

	String message() default Messages.INVALID_USERNAME;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
