package dev.jwtauth.admin;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.jwtauth.TestUsers.signup;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * User administration over real HTTP: staff list, look up and deactivate accounts;
 * superusers also grant staff; everyone else gets 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class AdminApiTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	private String alice;

	private String staff;

	private String boss;

	@BeforeEach
	void users() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
		this.alice = signup(this.client, "alice");
		this.staff = signup(this.client, "staffer");
		this.boss = signup(this.client, "boss");
		this.jdbc.sql("update users set is_staff = true where username in ('staffer', 'boss')").update();
		this.jdbc.sql("update users set is_superuser = true where username = 'boss'").update();
	}

	@Test
	void adminEndpointsWhenNotStaffThen403InEnvelope() {
		this.client.get()
			.uri("/users/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + this.alice)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.json("{\"user\":{\"errors\":{\"error\":[\"You do not have permission to perform this action.\"]}}}");
		patch(this.alice, "boss", "{\"is_active\":false}").expectStatus().isForbidden();
		assertThat(flag("boss", "is_active")).isTrue();
	}

	@Test
	void listWhenStaffThenOnePageWithTotalAndLinks() {
		this.client.get()
			.uri("/users?page=0&size=2")
			.header(HttpHeaders.AUTHORIZATION, "Token " + this.staff)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Total-Count", "3")
			.expectHeader()
			.value("Link", (link) -> assertThat(link).contains("page=1").contains("rel=\"next\""))
			.expectBody()
			.jsonPath("$.users.length()")
			.isEqualTo(2)
			.jsonPath("$.users[0].username")
			.isEqualTo("alice")
			.jsonPath("$.users[0].is_active")
			.isEqualTo(true)
			.jsonPath("$.users[0].password_hash")
			.doesNotExist();
	}

	@Test
	void findWhenStaffThenAccountIgnoringCase() {
		this.client.get()
			.uri("/users/ALICE/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + this.staff)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.username")
			.isEqualTo("alice")
			.jsonPath("$.user.email")
			.isEqualTo("alice@example.com")
			.jsonPath("$.user.is_staff")
			.isEqualTo(false)
			.jsonPath("$.user.created_at")
			.isNotEmpty();
		this.client.get()
			.uri("/users/nobody/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + this.staff)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.user.errors.error[0]")
			.isEqualTo("Not found.");
	}

	@Test
	void deactivateThenEveryTokenRefusedAtOnceAndReactivationRevivesNone(CapturedOutput output) {
		patch(this.staff, "alice", "{\"is_active\":false}").expectStatus().isOk();

		current(this.alice).expectStatus().isUnauthorized();
		assertThat(signin("alice").status()).isEqualTo(400);
		assertThat(output).contains("Account changed: actor=staffer target=alice is_active=false");

		patch(this.staff, "alice", "{\"is_active\":true}").expectStatus().isOk();

		current(this.alice).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.user.errors.error[0]")
			.isEqualTo("Token has been revoked.");
		current(signin("alice").token()).expectStatus().isOk();
	}

	@Test
	void grantStaffWhenSuperuserThenGrantedWhenOnlyStaffThen403() {
		patch(this.staff, "alice", "{\"is_staff\":true}").expectStatus().isForbidden();
		assertThat(flag("alice", "is_staff")).isFalse();

		patch(this.boss, "alice", "{\"is_staff\":true}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.is_staff")
			.isEqualTo(true);

		this.client.get()
			.uri("/users/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + this.alice)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void changeWhenNotABooleanThenFieldError() {
		patch(this.staff, "alice", "{\"is_active\":\"no\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.user.errors.is_active[0]")
			.isEqualTo("Must be true or false.");
		assertThat(flag("alice", "is_active")).isTrue();
	}

	@Test
	void userEndpointPathsAreNotUsernames() {
		this.client.get().uri("/users/signup/").exchange().expectStatus().isEqualTo(405);
		this.client.get()
			.uri("/users/signin")
			.header(HttpHeaders.AUTHORIZATION, "Token " + this.staff)
			.exchange()
			.expectStatus()
			.isEqualTo(405);
	}

	private RestTestClient.ResponseSpec patch(String token, String username, String fields) {
		return this.client.patch()
			.uri("/users/" + username + "/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":" + fields + "}")
			.exchange();
	}

	private RestTestClient.ResponseSpec current(String token) {
		return this.client.get().uri("/users/current/").header(HttpHeaders.AUTHORIZATION, "Token " + token).exchange();
	}

	private Signin signin(String username) {
		var result = this.client.post()
			.uri("/users/signin/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"" + username + "\",\"password\":\"12345678\"}}")
			.exchange()
			.returnResult(String.class);
		return new Signin(result.getStatus().value(), result.getResponseBody());
	}

	private boolean flag(String username, String column) {
		return this.jdbc.sql("select " + column + " from users where username = ?")
			.param(username)
			.query(Boolean.class)
			.single();
	}

	private record Signin(int status, String body) {

		String token() {
			return JsonPath.read(this.body, "$.user.token");
		}

	}

}
