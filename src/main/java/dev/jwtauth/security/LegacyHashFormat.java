package dev.jwtauth.security;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A kind of stored password hash that the service checks but no longer writes, such as
 * those imported from another service. Stored as {@code {id}hash}; the password is hashed
 * again with the current algorithm at its first successful check. Implementations are
 * found with {@link java.util.ServiceLoader} ({@code META-INF/services}), since the
 * password encoder is a plain static factory; they are only asked to match, never to
 * encode.
 */
public interface LegacyHashFormat extends PasswordEncoder {

	/** The prefix that names this kind in stored hashes, without its braces. */
	String id();

	/**
	 * What a check against {@code encoded} (without its prefix) costs, read from the hash
	 * alone before any check runs; refused when the hash is unusable, malformed, of an
	 * unsupported kind or beyond {@code limits}, so that it is never given to
	 * {@link #matches}.
	 */
	HashCost cost(String encoded, LegacyHashLimits limits);

}
