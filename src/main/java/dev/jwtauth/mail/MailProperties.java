package dev.jwtauth.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the service's mail comes from, and where it is written when there is no SMTP
 * server to send it to.
 *
 * @param from the sender's address, such as {@code Example <no-reply@example.com>};
 * required with an SMTP host ({@code spring.mail.host})
 * @param directory where mail is written as {@code .eml} files, readable by the owner
 * alone, when there is no SMTP host and the database is the embedded H2 default
 */
@ConfigurationProperties("auth.mail")
record MailProperties(String from, @DefaultValue("./data/mail") String directory) {

}
