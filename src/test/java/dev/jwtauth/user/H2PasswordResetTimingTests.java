package dev.jwtauth.user;

/**
 * The reset timing suite on the embedded H2 database, the local default.
 */
class H2PasswordResetTimingTests extends PasswordResetTimingTests {

}
