package dev.jwtauth.user;

/**
 * Password guess limits on the embedded H2 database, the local default.
 */
class H2PasswordGuessLimitTests extends PasswordGuessLimitTests {

}
