package dev.jwtauth.web;

/**
 * A response body that is a collection under its own name, such as {@code {"sessions":
 * [...]}}: a record whose components are the body's keys, written without the
 * {@code {"user": ...}} envelope.
 */
public interface NamedCollection {

}
