package dev.jwtauth.admin;

/**
 * The administration suite on the embedded H2 database, the local default.
 */
class H2AdminApiTests extends AdminApiTests {

}
