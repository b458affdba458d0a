package dev.jwtauth.throttle;

class H2MailRequestLimitTests extends MailRequestLimitTests {

}
