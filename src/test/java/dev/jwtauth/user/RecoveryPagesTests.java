package dev.jwtauth.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.jwtauth.Browser;
import dev.jwtauth.Mailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages the links in mails open, as a user meets them: the link taken from the mail a
 * real SMTP server received, opened in a real headless Chromium, the form filled in and
 * submitted, the result checked through the API. The server listens where the links
 * point. Screenshots are left in {@code target/password-reset-page.png} and
 * {@code target/email-verification-page.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025", "auth.mail.from=auth@example.com" })
@ActiveProfiles("test")
@Tag("slow")
class RecoveryPagesTests {

	private static final int PORT = freePort();

	private static final String NEW_PASSWORD = "typed in a browser";

	@RegisterExtension
	static final GreenMailExtension mail = Mailbox.server();

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private JdbcClient jdbc;

	private ChromeDriver browser;

	@DynamicPropertySource
	static void listenWhereLinksPoint(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("auth.recovery.public-url", () -> "http://localhost:" + PORT);
	}

	@BeforeEach
	void clear() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from mail_requests").update();
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void resetPageWhenLinkFromMailOpenedAndFormSubmittedThenNewPasswordSignsIn() throws Exception {
		signup("pat");
		post("/users/password_reset/", "{\"user\":{\"email\":\"pat@example.com\"}}");
		String link = Mailbox.link(Mailbox.await(mail, "pat@example.com", "Reset your password"));
		this.browser = Browser.start();

		this.browser.get(link);
		this.browser.get(link);

		assertThat(this.browser.getTitle()).isEqualTo("Choose a new password");
		assertThat(this.browser.findElement(By.id("submit")).getCssValue("background-color"))
			.as("the page's style, allowed by the policy's digest")
			.isEqualTo("rgba(31, 95, 191, 1)");
		screenshot("password-reset-page.png");
		this.browser.findElement(By.id("password")).sendKeys(NEW_PASSWORD);
		this.browser.findElement(By.id("submit")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
		assertThat(this.browser.findElement(By.id("done")).getText()).isEqualTo("Your password is changed");
		assertThat(this.browser.getCurrentUrl()).doesNotContain("token=");
		assertThat(signin("pat", NEW_PASSWORD).statusCode()).isEqualTo(200);
		assertThat(signin("pat", "12345678").statusCode()).isEqualTo(400);

		this.browser.get(link);
		this.browser.findElement(By.id("password")).sendKeys("one more password");
		this.browser.findElement(By.id("submit")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("errors"), Messages.INVALID_RESET_LINK));
		assertThat(signin("pat", NEW_PASSWORD).statusCode()).isEqualTo(200);
	}

	@Test
	void verificationPageWhenLinkFromMailOpenedAndConfirmedThenAddressVerified() throws Exception {
		signup("quinn");
		String link = Mailbox.link(Mailbox.await(mail, "quinn@example.com", "Verify your email address"));
		this.browser = Browser.start();

		this.browser.get(link);

		assertThat(this.browser.getTitle()).isEqualTo("Verify your email address");
		assertThat(emailVerified("quinn")).isFalse();
		screenshot("email-verification-page.png");
		this.browser.findElement(By.id("submit")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("quinn@example.com");
		assertThat(emailVerified("quinn")).isTrue();
	}

	@Test
	void resetPageThenStrictHeadersNoScriptAndSecretEscapedAndKept() throws Exception {
		HttpResponse<String> page = get(RecoveryLinks.RESET_PAGE + "?token=%22%3E%3Cscript%3Ealert(1)%3C/script%3E");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy)
				.matches("default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='; form-action 'self'; "
						+ "base-uri 'none'; frame-ancestors 'none'"));
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(page.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		assertThat(page.body()).doesNotContain("<script")
			.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")
			.contains("<form method=\"post\" action=\"/users/password_reset/confirm\">");
	}

	@Test
	void resetPageWhenTokenMissingOrFormRefusedThen400PageSayingWhy() throws Exception {
		HttpResponse<String> missing = get(RecoveryLinks.RESET_PAGE);
		HttpResponse<String> refused = postForm(RecoveryLinks.RESET_PAGE, "token=nonsense&password=" + NEW_PASSWORD);
		HttpResponse<String> tooShort = postForm(RecoveryLinks.RESET_PAGE, "token=nonsense&password=short");

		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains(Messages.INVALID_RESET_LINK);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains(Messages.INVALID_RESET_LINK).contains("value=\"nonsense\"");
		assertThat(tooShort.statusCode()).isEqualTo(400);
		assertThat(tooShort.body()).contains(Messages.PASSWORD_TOO_SHORT);
		assertThat(refused.headers().firstValue("Content-Security-Policy")).isPresent();
	}

	private void screenshot(String name) throws IOException {
		Files.write(Path.of("target", name), this.browser.getScreenshotAs(OutputType.BYTES));
	}

	private boolean emailVerified(String username) {
		return this.jdbc.sql("select email_verified from users where username = ?")
			.param(username)
			.query(Boolean.class)
			.single();
	}

	private void signup(String username) throws Exception {
		HttpResponse<String> signup = post("/users/signup/",
				"{\"user\":{\"username\":\"%s\",\"email\":\"%s@example.com\",\"password\":\"12345678\"}}"
					.formatted(username, username));
		assertThat(signup.statusCode()).isEqualTo(201);
	}

	private HttpResponse<String> signin(String username, String password) throws Exception {
		return post("/users/signin/",
				"{\"user\":{\"username\":\"%s\",\"password\":\"%s\"}}".formatted(username, password));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return send(path, "application/json", json);
	}

	private HttpResponse<String> postForm(String path, String form) throws Exception {
		return send(path, "application/x-www-form-urlencoded", form);
	}

	private HttpResponse<String> send(String path, String contentType, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(String path) {
		return URI.create("http://localhost:" + PORT + path);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
