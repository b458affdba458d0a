package dev.jwtauth.security;

class H2OneTimeSecretsTests extends OneTimeSecretsTests {

}
