package dev.jwtauth.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.jwtauth.Browser;
import dev.jwtauth.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI as a person sees it, in a real browser: each operation once, under its tag,
 * in the order a client uses them, and a token entered under "Authorize" sent by "Try it
 * out". A screenshot is left in {@code target/swagger-ui.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
class SwaggerUiBrowserTests {

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	private ChromeDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void openSwaggerUi() {
		this.browser = Browser.start();
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		this.browser.get("http://localhost:" + this.port + "/swagger-ui.html");
		this.wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".opblock"), 0));
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void swaggerUiThenEachOperationOnceUnderItsTagInClientOrder() throws Exception {
		Files.write(Path.of("target", "swagger-ui.png"), this.browser.getScreenshotAs(OutputType.BYTES));

		assertThat(this.browser.findElements(By.cssSelector(".opblock-tag")))
			.extracting((tag) -> tag.getAttribute("data-tag"))
			.containsExactly("Account", "Tokens", "Administration");
		List<String> operations = this.browser.findElements(By.cssSelector(".opblock-summary"))
			.stream()
			.map((summary) -> summary.findElement(By.cssSelector(".opblock-summary-method")).getText() + " "
					+ summary.findElement(By.cssSelector(".opblock-summary-path")).getAttribute("data-path"))
			.toList();
		assertThat(operations).containsExactly("POST /users/signup/", "POST /users/signin/", "GET /users/current/",
				"PUT /users/current/", "DELETE /users/current/", "PATCH /users/current/", "POST /users/update_current/",
				"POST /users/signout/", "POST /users/password_reset/", "POST /users/password_reset/confirm/",
				"POST /users/verify_email/", "POST /users/verify_email/confirm/", "GET /.well-known/jwks.json",
				"POST /users/token/refresh/", "GET /users/sessions/", "DELETE /users/sessions/{id}/", "GET /users/",
				"GET /users/{account}/", "PATCH /users/{account}/");
	}

	@Test
	void tryItOutWhenAuthorizedWithTokenThenCurrentUserAnswered() {
		String token = TestUsers.signup(this.client, "swaggerreader");

		this.browser.findElement(By.cssSelector(".btn.authorize")).click();
		WebElement dialog = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".auth-container")));
		assertThat(dialog.getText()).contains("Token (apiKey)").contains("Authorization");
		dialog.findElement(By.cssSelector("input")).sendKeys("Token " + token);
		dialog.findElement(By.cssSelector("button.authorize")).click();
		this.browser.findElement(By.cssSelector(".btn-done")).click();

		WebElement current = this.browser.findElement(By.id("operations-Account-current"));
		current.findElement(By.cssSelector(".opblock-summary-control")).click();
		this.wait.until(ExpectedConditions.elementToBeClickable(current.findElement(By.cssSelector(".try-out__btn"))))
			.click();
		current.findElement(By.cssSelector(".execute")).click();
		WebElement status = this.wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(current,
				By.cssSelector(".live-responses-table tr.response .response-col_status")))
			.get(0);

		assertThat(status.getText()).isEqualTo("200");
		assertThat(current.findElement(By.cssSelector(".live-responses-table tr.response .response-col_description"))
			.getText()).contains("\"username\": \"swaggerreader\"");
	}

}
