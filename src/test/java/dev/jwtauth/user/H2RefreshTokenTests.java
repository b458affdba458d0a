package dev.jwtauth.user;

/**
 * Refresh tokens and sessions on the embedded H2 database, the local default.
 */
class H2RefreshTokenTests extends RefreshTokenTests {

}
