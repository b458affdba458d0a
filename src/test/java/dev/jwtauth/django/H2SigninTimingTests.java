package dev.jwtauth.django;

/**
 * The signin timing suite on the embedded H2 database, the local default.
 */
class H2SigninTimingTests extends SigninTimingTests {

}
