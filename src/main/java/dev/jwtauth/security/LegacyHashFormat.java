package dev.jwtauth.security;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A kind of stored password hash that the service checks but no longer writes, such as
 * those imported from another service. Stored as {@code {id}hash}; the password is hashed
 * again with the current algorithm at its first successful check.
 *
 * @param id the prefix that names the kind in stored hashes
 * @param verifier checks a password against a hash of this kind, without its prefix;
 * never asked to encode
 */
public record LegacyHashFormat(String id, PasswordEncoder verifier) {
}
