package dev.jwtauth;

/**
 * The trusted-proxy suite on the embedded H2 database, the local default.
 */
class H2TrustedProxyTests extends TrustedProxyTests {

}
