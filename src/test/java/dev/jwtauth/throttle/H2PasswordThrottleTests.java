package dev.jwtauth.throttle;

class H2PasswordThrottleTests extends PasswordThrottleTests {

}
