package dev.jwtauth.user;

/**
 * The end-to-end suite on the embedded H2 database, the local default.
 */
class H2UserApiTests extends UserApiTests {

}
