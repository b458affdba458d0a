package dev.jwtauth.throttle;

class H2SigninThrottleTests extends SigninThrottleTests {

}
