package dev.jwtauth;

/**
 * The hostile-input suite on the embedded H2 database, the local default.
 */
class H2HostileRequestTests extends HostileRequestTests {

}
