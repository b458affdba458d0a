package dev.jwtauth.user;

/**
 * Revocation races on the embedded H2 database, the local default.
 */
class H2TokenRevocationRaceTests extends TokenRevocationRaceTests {

}
