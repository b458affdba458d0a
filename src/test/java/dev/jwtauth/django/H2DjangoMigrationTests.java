package dev.jwtauth.django;

/**
 * The migration suite on the embedded H2 database, the local default.
 */
class H2DjangoMigrationTests extends DjangoMigrationTests {

}
