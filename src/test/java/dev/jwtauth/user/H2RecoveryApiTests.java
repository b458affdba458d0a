package dev.jwtauth.user;

/**
 * The recovery suite on the embedded H2 database, the local default.
 */
class H2RecoveryApiTests extends RecoveryApiTests {

}
