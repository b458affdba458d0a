package dev.jwtauth.admin;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import dev.jwtauth.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.jwtauth.TestUsers.signup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * User administration over real HTTP: staff list, look up and deactivate accounts;
 * superusers also grant staff and change other staff; everyone else gets 403. One suite,
 * run on each database the service supports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
@Tag("slow")
abstract class AdminApiTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	@LocalServerPort
	private int port;

	private String alice;

	private String staff;

	private String boss;

	private final ExecutorService requests = Executors.newFixedThreadPool(2);

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
	void listWhenPagedThenLinksNameTheNeighboursWithTheSameSizeAndLeadToThem() {
		String first = list("page=0&size=1").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Total-Count", "3")
			.expectHeader()
			.valueEquals("Link", link(1, 1, "next"))
			.expectBody()
			.json("{\"users\":[{\"username\":\"alice\"}]}")
			.returnResult()
			.getResponseHeaders()
			.getFirst("Link");

		String middle = follow(first).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Total-Count", "3")
			.expectHeader()
			.valueEquals("Link", link(0, 1, "prev") + ", " + link(2, 1, "next"))
			.expectBody()
			.json("{\"users\":[{\"username\":\"staffer\"}]}")
			.returnResult()
			.getResponseHeaders()
			.getFirst("Link");

		String last = follow(middle.substring(middle.indexOf(", ") + 2)).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Total-Count", "3")
			.expectHeader()
			.valueEquals("Link", link(1, 1, "prev"))
			.expectBody()
			.json("{\"users\":[{\"username\":\"boss\"}]}")
			.returnResult()
			.getResponseHeaders()
			.getFirst("Link");

		follow(last).expectStatus().isOk().expectBody().json("{\"users\":[{\"username\":\"staffer\"}]}");
	}

	@Test
	void listWhenEveryAccountFitsOnePageThenNoLink() {
		list("page=0&size=3").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Total-Count", "3")
			.expectHeader()
			.doesNotExist("Link")
			.expectBody()
			.jsonPath("$.users[*].username")
			.isEqualTo(List.of("alice", "staffer", "boss"));
	}

	@Test
	void listWhenNoParametersThenFirstTwentyAndNextLinkKeepsTheDefaultSize() {
		for (int i = 0; i < 18; i++) {
			this.jdbc.sql("""
					insert into users (username, username_key, email, email_key, password_hash, created_at, updated_at)
					values (:name, :name, :email, :email, 'unusable', current_timestamp, current_timestamp)""")
				.param("name", "user" + i)
				.param("email", "user" + i + "@example.com")
				.update();
		}

		list("").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Total-Count", "21")
			.expectHeader()
			.valueEquals("Link", "<http://localhost:" + this.port + "/users/?page=1&size=20>; rel=\"next\"")
			.expectBody()
			.jsonPath("$.users.length()")
			.isEqualTo(20);
		list("page=1").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Link", "<http://localhost:" + this.port + "/users/?page=0&size=20>; rel=\"prev\"")
			.expectBody()
			.jsonPath("$.users[*].username")
			.isEqualTo(List.of("user17"));
	}

	@Test
	void listWhenPagePastTheLastThenEmptyWithTheTotalAndALinkBack() {
		list("page=2&size=2").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Total-Count", "3")
			.expectHeader()
			.valueEquals("Link", link(1, 2, "prev"))
			.expectBody()
			.json("{\"users\":[]}", JsonCompareMode.STRICT);
		list("page=50&size=2").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Total-Count", "3")
			.expectHeader()
			.valueEquals("Link", link(49, 2, "prev"))
			.expectBody()
			.json("{\"users\":[]}", JsonCompareMode.STRICT);
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
			.jsonPath("$.user.email_verified")
			.isEqualTo(false)
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
	void changeThenTheAnswerShowsTheAccountAsStored() {
		String changed = patch(this.staff, "alice", "{\"is_active\":false}").expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		String stored = this.client.get()
			.uri("/users/alice/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + this.staff)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();

		assertThat(changed).isEqualTo(stored);
	}

	@Test
	void deactivateThenEveryTokenRefusedAtOnceAndReactivationRevivesNone(CapturedOutput output) {
		patch(this.staff, "alice", "{\"is_active\":false}").expectStatus().isOk();

		current(this.alice).expectStatus().isUnauthorized();
		assertThat(signin("alice").status()).isEqualTo(400);
		assertThat(output).containsPattern("Account changed: actor=staffer actor_id=\\d+ target=alice target_id="
				+ id("alice") + " is_active=false");

		patch(this.staff, "alice", "{\"is_active\":true}").expectStatus().isOk();

		current(this.alice).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.user.errors.error[0]")
			.isEqualTo("Token has been revoked.");
		current(signin("alice").token()).expectStatus().isOk();
	}

	@Test
	void deactivateByIdWhenTheOwnerRenamedTheAccountThenStillFoundAndDeactivated() {
		long id = id("alice");
		rename(this.alice, "alice-renamed");

		patch(this.staff, "alice", "{\"is_active\":false}").expectStatus().isNotFound();
		this.client.get()
			.uri("/users/id:" + id + "/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + this.staff)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.username")
			.isEqualTo("alice-renamed");
		patch(this.staff, "id:" + id, "{\"is_active\":false}").expectStatus().isOk();

		assertThat(flag("alice-renamed", "is_active")).isFalse();
		current(this.alice).expectStatus().isUnauthorized();
	}

	@Test
	void findByIdWhenNoSuchAccountOrNotAnIdThen404() {
		for (String name : List.of("id:999999", "id:0", "id:-1", "id:1x", "id:9999999999999999999")) {
			this.client.get()
				.uri("/users/" + name + "/")
				.header(HttpHeaders.AUTHORIZATION, "Token " + this.staff)
				.exchange()
				.expectStatus()
				.isNotFound();
		}
	}

	@Test
	void changeWhenNoSuchAccountThen404InEnvelopeAndNothingChanged(CapturedOutput output) {
		List<Map<String, Object>> before = allRows();

		for (String name : List.of("nobody", "id:999999", "id:" + (id("boss") + 1000))) {
			patch(this.boss, name, "{\"is_active\":false,\"is_staff\":true}").expectStatus()
				.isNotFound()
				.expectBody()
				.json("{\"user\":{\"errors\":{\"error\":[\"Not found.\"]}}}", JsonCompareMode.STRICT);
		}

		assertThat(allRows()).isEqualTo(before);
		assertThat(output).doesNotContain("Account changed");
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
	void listWhenPageOrSizeOutOfRangeOrNotANumberThen400KeyedByFieldInEnvelope() {
		list("page=2147483647").expectStatus()
			.isBadRequest()
			.expectBody()
			.json("{\"user\":{\"errors\":{\"page\":[\"Must be a whole number from 0 to 107374181.\"]}}}");
		list("page=107374182&size=20").expectStatus().isBadRequest();
		for (String page : List.of("-1", "abc", "0x1", "1e3", "1.0")) {
			list("page=" + page + "&size=20").expectStatus()
				.isBadRequest()
				.expectBody()
				.json("{\"user\":{\"errors\":{\"page\":[\"Must be a whole number from 0 to 107374181.\"]}}}",
						JsonCompareMode.STRICT);
		}
		for (String size : List.of("-1", "abc", "1e1", "2.0")) {
			list("page=0&size=" + size).expectStatus()
				.isBadRequest()
				.expectBody()
				.json("{\"user\":{\"errors\":{\"size\":[\"Must be a whole number from 1 to 100.\"]}}}",
						JsonCompareMode.STRICT);
		}
		list("page=1&page=2").expectStatus().isBadRequest().expectBody().jsonPath("$.user.errors.page").exists();
		list("size=0").expectStatus()
			.isBadRequest()
			.expectBody()
			.json("{\"user\":{\"errors\":{\"size\":[\"Must be a whole number from 1 to 100.\"]}}}");
		list("size=101").expectStatus()
			.isBadRequest()
			.expectBody()
			.json("{\"user\":{\"errors\":{\"size\":[\"Must be a whole number from 1 to 100.\"]}}}",
					JsonCompareMode.STRICT);
		list("size=1").expectStatus().isOk().expectBody().jsonPath("$.users.length()").isEqualTo(1);
		list("size=1.5&page=99999999999").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.user.errors.size")
			.exists()
			.jsonPath("$.user.errors.page")
			.exists();
		list("page=107374181&size=20").expectStatus().isOk().expectBody().jsonPath("$.users.length()").isEqualTo(0);
		list("page=0&size=100").expectStatus().isOk().expectBody().jsonPath("$.users.length()").isEqualTo(3);
	}

	@Test
	void changeWhenFlagIsNotAJsonBooleanThen400KeyedByFieldAndNothingChanged() {
		for (String value : List.of("\"false\"", "0", "1", "0.0", "\"\"", "null", "[false]", "{}")) {
			patch(this.staff, "alice", "{\"is_active\":" + value + "}").expectStatus()
				.isBadRequest()
				.expectBody()
				.json("{\"user\":{\"errors\":{\"is_active\":[\"Must be true or false.\"]}}}");
			patch(this.boss, "alice", "{\"is_staff\":" + value + "}").expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.user.errors.is_staff[0]")
				.isEqualTo("Must be true or false.");
		}
		assertThat(flag("alice", "is_active")).isTrue();
		assertThat(flag("alice", "is_staff")).isFalse();
	}

	@Test
	void changeWhenStaffTargetsSuperuserOrOtherStaffThen403AndNothingChanged() {
		signup(this.client, "helper");
		this.jdbc.sql("update users set is_staff = true where username = 'helper'").update();

		patch(this.staff, "boss", "{\"is_active\":false}").expectStatus().isForbidden();
		patch(this.staff, "helper", "{\"is_active\":false}").expectStatus().isForbidden();

		assertThat(flag("boss", "is_active")).isTrue();
		assertThat(flag("helper", "is_active")).isTrue();
		current(this.boss).expectStatus().isOk();
		patch(this.boss, "helper", "{\"is_active\":false}").expectStatus().isOk();
		assertThat(flag("helper", "is_active")).isFalse();
	}

	@Test
	void deactivateOwnAccountThen400AndStillActive() {
		Map<String, String> tokens = Map.of("staffer", this.staff, "boss", this.boss);
		tokens.forEach((username, token) -> {
			patch(token, username, "{\"is_active\":false}").expectStatus()
				.isBadRequest()
				.expectBody()
				.json("{\"user\":{\"errors\":{\"is_active\":[\"You cannot deactivate your own account.\"]}}}");
			assertThat(flag(username, "is_active")).isTrue();
			current(token).expectStatus().isOk();
		});
	}

	@Test
	void superuserWhateverIsStaffSaysThenHasEveryStaffRightAndIsStaffCannotChangeIt() {
		this.jdbc.sql("update users set is_staff = false where username = 'boss'").update();

		listAs(this.boss, "page=0").expectStatus().isOk();
		patch(this.boss, "staffer", "{\"is_staff\":false}").expectStatus().isOk();
		assertThat(flag("staffer", "is_staff")).isFalse();
		patch(this.boss, "boss", "{\"is_staff\":true}").expectStatus()
			.isBadRequest()
			.expectBody()
			.json("{\"user\":{\"errors\":{\"is_staff\":"
					+ "[\"A superuser has every right of staff whatever is_staff says.\"]}}}");
		assertThat(flag("boss", "is_staff")).isFalse();
	}

	@Test
	void changeWhenActorLosesStaffWhileTheRequestWaitsThen403AndNothingChanged() throws Exception {
		try (Connection locks = lock("staffer")) {
			Future<Integer> change = background(() -> patchStatus(this.staff, "alice", "{\"is_active\":false}"));
			awaitBlocked(List.of(change));
			try (Statement statement = locks.createStatement()) {
				statement.executeUpdate("update users set is_staff = false where username = 'staffer'");
			}
			locks.commit();

			assertThat(change.get(30, TimeUnit.SECONDS)).isEqualTo(403);
		}
		assertThat(flag("alice", "is_active")).isTrue();
	}

	@Test
	void deactivateEachOtherWhenTwoSuperusersAtOnceThenOneSucceedsAndOneSuperuserStaysActive() throws Exception {
		String other = secondSuperuser();

		List<Integer> statuses = whileBossAndChiefLocked(() -> patchStatus(this.boss, "chief", "{\"is_active\":false}"),
				() -> patchStatus(other, "boss", "{\"is_active\":false}"));

		assertThat(statuses).containsExactlyInAnyOrder(200, 401);
		assertThat(activeSuperusers()).isOne();
	}

	@Test
	void deleteWhenLastActiveSuperuserThen400AndTheAccountStays() {
		delete(this.boss).expectStatus()
			.isBadRequest()
			.expectBody()
			.json("{\"user\":{\"errors\":{\"error\":[\"The last active superuser cannot be deleted.\"]}}}");
		current(this.boss).expectStatus().isOk();
		delete(this.staff).expectStatus().isNoContent();
	}

	@Test
	void deleteWhenTwoSuperusersDeleteThemselvesAtOnceThenOneStays() throws Exception {
		String other = secondSuperuser();

		List<Integer> statuses = whileBossAndChiefLocked(() -> deleteStatus(this.boss), () -> deleteStatus(other));

		assertThat(statuses).containsExactlyInAnyOrder(204, 400);
		assertThat(activeSuperusers()).isOne();
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

	@Test
	void lookupWhenUsernameSpellsAnEndpointPathThenEncodedPathStillTheEndpointsAndIdFindsTheAccount() {
		signup(this.client, "signout");
		long id = this.jdbc.sql("select id from users where username = 'signout'").query(Long.class).single();

		for (String path : List.of("/users/signout/", "/users/%73ignout/", "/users/%73ignout")) {
			this.client.get()
				.uri(URI.create(path))
				.header(HttpHeaders.AUTHORIZATION, "Token " + this.staff)
				.exchange()
				.expectStatus()
				.isEqualTo(405);
		}
		this.client.get()
			.uri("/users/id:" + id + "/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + this.staff)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.username")
			.isEqualTo("signout");
	}

	private RestTestClient.ResponseSpec list(String query) {
		return listAs(this.staff, query);
	}

	private RestTestClient.ResponseSpec listAs(String token, String query) {
		return this.client.get().uri("/users/?" + query).header(HttpHeaders.AUTHORIZATION, "Token " + token).exchange();
	}

	/** A {@code Link} entry, as the list writes it: absolute, with page and size. */
	private String link(int page, int size, String relation) {
		return "<http://localhost:" + this.port + "/users/?page=" + page + "&size=" + size + ">; rel=\"" + relation
				+ "\"";
	}

	/** Follows a single {@code Link} entry, as a client would, with the same token. */
	private RestTestClient.ResponseSpec follow(String link) {
		String uri = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
		return this.client.get()
			.uri(URI.create(uri))
			.header(HttpHeaders.AUTHORIZATION, "Token " + this.staff)
			.exchange();
	}

	/** Every row of the users table, every column, in id order. */
	private List<Map<String, Object>> allRows() {
		return this.jdbc.sql("select * from users order by id").query().listOfRows();
	}

	private RestTestClient.ResponseSpec delete(String token) {
		return this.client.method(HttpMethod.DELETE)
			.uri("/users/current/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"password\":\"" + TestUsers.PASSWORD + "\"}}")
			.exchange();
	}

	private int deleteStatus(String token) {
		return delete(token).returnResult(String.class).getStatus().value();
	}

	private int patchStatus(String token, String username, String fields) {
		return patch(token, username, fields).returnResult(String.class).getStatus().value();
	}

	/** Makes chief a second superuser, and answers chief's token. */
	private String secondSuperuser() {
		String chief = signup(this.client, "chief");
		this.jdbc.sql("update users set is_staff = true, is_superuser = true where username = 'chief'").update();
		return chief;
	}

	/**
	 * Sends both requests while the test holds boss's and chief's rows, so that both wait
	 * for them, then lets them race; answers their statuses.
	 */
	private List<Integer> whileBossAndChiefLocked(Callable<Integer> first, Callable<Integer> second) throws Exception {
		List<Future<Integer>> requests;
		try (Connection locks = lock("boss", "chief")) {
			requests = List.of(background(first), background(second));
			awaitBlocked(requests);
			locks.commit();
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> request : requests) {
			statuses.add(request.get(30, TimeUnit.SECONDS));
		}
		return statuses;
	}

	private <T> Future<T> background(Callable<T> request) {
		return this.requests.submit(request);
	}

	/**
	 * Locks the rows of these users in a transaction of the test's own, so that requests
	 * that need them wait; closing the connection without a commit rolls back.
	 */
	private Connection lock(String... usernames) throws SQLException {
		Connection connection = this.dataSource.getConnection();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement
				.executeQuery(
						"select id from users where username in ('" + String.join("', '", usernames) + "') for update")
				.close();
		}
		return connection;
	}

	/**
	 * Waits until every request waits for a row lock; a request that finishes first did
	 * not wait.
	 */
	private void awaitBlocked(List<Future<Integer>> requests) throws Exception {
		String waiting = isPostgres() ? """
				select count(*) from pg_stat_activity
				where wait_event_type = 'Lock' and datname = current_database()"""
				: "select count(*) from information_schema.sessions where blocker_id is not null";
		await("requests waiting for the lock").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(5))
			.failFast("a request finished without waiting for the lock",
					() -> requests.stream().anyMatch(Future::isDone))
			.until(() -> this.jdbc.sql(waiting).query(Long.class).single() >= requests.size());
	}

	private boolean isPostgres() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
		}
	}

	private long activeSuperusers() {
		return this.jdbc.sql("select count(*) from users where is_superuser and is_active").query(Long.class).single();
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

	private long id(String username) {
		return this.jdbc.sql("select id from users where username = ?").param(username).query(Long.class).single();
	}

	/** Renames the token's account, as its owner or a thief holding the token can. */
	private void rename(String token, String username) {
		this.client.post()
			.uri("/users/update_current/")
			.header(HttpHeaders.AUTHORIZATION, "Token " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"username\":\"" + username + "\"}}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	private boolean flag(String username, String column) {
		return this.jdbc.sql("select " + column + " from users where username = ?")
			.param(username)
			.query(Boolean.class)
			.single();
	}

	@AfterEach
	void stopRequests() {
		this.requests.shutdownNow();
	}

	private record Signin(int status, String body) {

		String token() {
			return JsonPath.read(this.body, "$.user.token");
		}

	}

}
