package dev.jwtauth.user;

/**
 * The repository and the migrations on H2.
 */
class H2UserRepositoryTests extends UserRepositoryTests {

}
