package dev.jwtauth.security;

/**
 * ES256 tokens and their published keys on the embedded H2 database, the local default.
 */
class H2PublishedKeysTests extends PublishedKeysTests {

}
