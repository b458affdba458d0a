package dev.jwtauth;

/**
 * The fuzz suite on the embedded H2 database, the local default.
 */
class H2RequestFuzzTests extends RequestFuzzTests {

}
