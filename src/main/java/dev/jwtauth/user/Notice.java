package dev.jwtauth.user;

/**
 * What the service did, or will do, in words for the user.
 */
record Notice(String detail) {

}
