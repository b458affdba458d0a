package dev.jwtauth.django;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import com.zaxxer.hikari.HikariDataSource;
import dev.jwtauth.JwtAuthApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Switching from the original Django service: its users imported with the command, as
 * operators run it, then signing in and using its tokens over real HTTP. One suite, run
 * on each database the service supports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "auth.django.secret-key=original-django-key", "auth.django.tokens-until=2200-01-01T00:00:00Z" })
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Tag("slow")
abstract class DjangoMigrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	@TempDir
	Path directory;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	/** A database as new: no account, none deleted, nothing imported, ids from 1. */
	@BeforeEach
	void clear() {
		this.jdbc.sql("delete from users").update();
		this.jdbc.sql("delete from signin_failures").update();
		this.jdbc.sql("delete from deleted_user_ids").update();
		this.jdbc.sql("delete from imported_id_ranges").update();
		this.jdbc.sql("alter table users alter column id restart with 1").update();
	}

	@Test
	void importThenUsersKeepTheirIdsFlagsAndTimesAndSkippedOnesAreReported() throws Exception {
		assertThat(importUsers(DjangoFixtures.dumpdata())).isZero();

		assertThat(output()).contains("Imported 7 users, 0 already present, 3 skipped.")
			.contains("Skipped pk 9: username: user with this username already exists. Taken by id 1, ignoring case.")
			.contains("Skipped pk 10: email: Enter a valid email address.")
			.contains("Skipped pk 11: username: Enter a valid username.")
			.contains("Note pk 7: imported without a usable password (unusable or of an unsupported kind): "
					+ "it cannot sign in with a password.")
			.contains("Note pk 3: imported without a usable password (its Argon2 hash needs 100 MiB of memory per "
					+ "check, more than PASSWORD_HASHING_MAX_LEGACY_MEMORY (32 MiB)): it cannot sign in with a password.")
			.doesNotContain("pbkdf2")
			.doesNotContain("$");
		assertThat(this.jdbc.sql("select id from users order by id").query(Long.class).list()).containsExactly(1L, 2L,
				3L, 4L, 7L, 8L, 42L);
		assertThat(this.jdbc.sql("""
				select username || '|' || email || '|' || is_active || '|' || is_staff || '|' || is_superuser
				from users where id = :id""").param("id", 1).query(String.class).single())
			.isEqualToIgnoringCase("alice|alice@example.com|true|true|true");
		assertThat(row(2)).containsEntry("EMAIL", "Bob@example.com");
		assertThat(row(8)).containsEntry("IS_ACTIVE", false);
		assertThat(this.jdbc.sql("select count(*) from users where email_verified").query(Long.class).single())
			.as("imported addresses start unverified")
			.isZero();
		assertThat(this.jdbc.sql("select created_at from users where id = 1")
			.query(java.time.OffsetDateTime.class)
			.single()
			.toInstant()).hasToString("2023-01-02T09:30:15.123Z");
		assertThat(this.jdbc.sql("select password_hash from users where id = 1").query(String.class).single())
			.isEqualTo("{django}" + DjangoFixtures.hash(1));
	}

	@Test
	void importThenEachUserSignsInWithItsDjangoPasswordAndTheHashIsReplacedOnce() throws Exception {
		importUsers(DjangoFixtures.dumpdata());

		for (String username : List.of("alice", "bob", "dave", "ivan")) {
			assertThat(hash(username)).as(username).startsWith("{django}");
			assertThat(signin(username, DjangoFixtures.password(username)).status()).as(username).isEqualTo(200);
			String replaced = hash(username);
			assertThat(replaced).as(username).startsWith("{argon2}$argon2id$");
			assertThat(signin(username, DjangoFixtures.password(username)).status()).as(username).isEqualTo(200);
			assertThat(hash(username)).as("hashed again only once").isEqualTo(replaced);
		}
		assertThat(signin("carol", DjangoFixtures.password("carol")).status()).as("100 MiB per check, over the limit")
			.isEqualTo(400);
		assertThat(signin("carol", "wrong-password").status()).isEqualTo(400);
		assertThat(hash("carol")).isEqualTo("{django}" + DjangoFixtures.hash(3));
		assertThat(signin("Frank", DjangoFixtures.password("Frank")).status()).as("inactive").isEqualTo(400);
		assertThat(signin("erin", "any-password").status()).as("unusable password").isEqualTo(400);
		assertThat(hash("Frank")).startsWith("{django}");
		assertThat(hash("erin")).isEqualTo("{django}" + DjangoFixtures.hash(7));
	}

	@Test
	void importTwiceThenTheSecondChangesNothingAndNewUsersGetLaterIds() throws Exception {
		importUsers(DjangoFixtures.dumpdata());
		List<Map<String, Object>> before = rows();

		assertThat(importUsers(DjangoFixtures.dumpdata())).isZero();

		assertThat(output()).contains("Imported 0 users, 7 already present, 3 skipped.");
		assertThat(rows()).isEqualTo(before);
		Response signup = post("/users/signup/",
				"{\"user\":{\"username\":\"newcomer\",\"password\":\"12345678\",\"email\":\"new@example.com\"}}", null);
		assertThat(signup.status()).isEqualTo(201);
		assertThat(this.jdbc.sql("select id from users where username = 'newcomer'").query(Long.class).single())
			.isGreaterThan(42L);
	}

	@Test
	void importWhenAccountsAlreadyTakenHereThenThoseAreSkippedAndKept() throws Exception {
		post("/users/signup/",
				"{\"user\":{\"username\":\"Carol\",\"password\":\"12345678\",\"email\":\"someone@example.com\"}}",
				null);
		long localId = this.jdbc.sql("select id from users").query(Long.class).single();

		importUsers(DjangoFixtures.dumpdata());

		assertThat(output()).contains("Skipped pk 3: username: user with this username already exists. Taken by id "
				+ localId + ", ignoring case.");
		assertThat(signin("Carol", "12345678").status()).isEqualTo(200);
		assertThat(signin("carol", DjangoFixtures.password("carol")).status()).isEqualTo(400);
	}

	@Test
	void importAgainWhenAnImportedAccountWasDeletedHereThenItStaysDeleted() throws Exception {
		importUsers(DjangoFixtures.dumpdata());
		String token = signin("bob", DjangoFixtures.password("bob")).read("$.user.token");
		assertThat(delete(token, DjangoFixtures.password("bob")).status()).isEqualTo(204);

		assertThat(importUsers(DjangoFixtures.dumpdata())).isZero();

		assertThat(output()).contains("Imported 0 users, 6 already present, 4 skipped.")
			.contains("Skipped pk 2: id: Deleted here; an account deleted here is never imported again.");
		assertThat(this.jdbc.sql("select count(*) from users where id = 2").query(Long.class).single()).isZero();
		assertThat(signin("bob", DjangoFixtures.password("bob")).status()).isEqualTo(400);
	}

	@Test
	void importWhenAnAccountCreatedHereHadTheIdThenSkippedAndItsTokenNamesNobody() throws Exception {
		Response deleted = post("/users/signup/",
				"{\"user\":{\"username\":\"native\",\"password\":\"12345678\",\"email\":\"n@example.com\"}}", null);
		String deletedToken = deleted.read("$.user.token");
		assertThat(delete(deletedToken, "12345678").status()).isEqualTo(204);
		String forgotten = post("/users/signup/",
				"{\"user\":{\"username\":\"older\",\"password\":\"12345678\",\"email\":\"o@example.com\"}}", null)
			.read("$.user.token");
		// As an account deleted before deletions were remembered.
		this.jdbc.sql("delete from users where username = 'older'").update();

		importUsers(DjangoFixtures.dumpdata());

		assertThat(output()).contains("Imported 6 users, 0 already present, 4 skipped.")
			.contains("Skipped pk 1: id: Deleted here; an account deleted here is never imported again.")
			.contains("Skipped pk 2: id: Given to an account created here before; an id is never given twice.");
		assertThat(get("/users/current/", deletedToken).status()).isEqualTo(401);
		assertThat(get("/users/current/", forgotten).status()).isEqualTo(401);
		assertThat(this.jdbc.sql("select id from users order by id").query(Long.class).list()).containsExactly(3L, 4L,
				7L, 8L, 9L, 42L);
	}

	@Test
	void importAgainWhenASkippedRecordWasFixedThenItIsImported() throws Exception {
		importUsers(DjangoFixtures.dumpdata());
		post("/users/signup/",
				"{\"user\":{\"username\":\"newcomer\",\"password\":\"12345678\",\"email\":\"new@example.com\"}}", null);
		Path fixed = this.directory.resolve("fixed.json");
		Files.writeString(fixed, Files.readString(DjangoFixtures.dumpdata())
			.replace("\"username\": \"ALICE\"", "\"username\": \"alice2\""));

		assertThat(importUsers(fixed)).isZero();

		assertThat(output()).contains("Imported 1 users, 7 already present, 2 skipped.");
		assertThat(this.jdbc.sql("select username from users where id = 9").query(String.class).single())
			.isEqualTo("alice2");
	}

	@Test
	void importWhenThousandsOfUsersThenAllImportedAndAgainChangesNothing() throws Exception {
		Path dump = this.directory.resolve("many.json");
		DumpdataGenerator.write(dump, 3_000);

		assertThat(importUsers(dump)).isZero();
		assertThat(output()).contains("Imported 3000 users, 0 already present, 0 skipped.");
		assertThat(userCount()).isEqualTo(3_000);
		List<Map<String, Object>> before = rows();

		assertThat(importUsers(dump)).isZero();

		assertThat(output()).contains("Imported 0 users, 3000 already present, 0 skipped.");
		assertThat(rows()).isEqualTo(before);
	}

	@Test
	void importWhenFileMalformedThenNothingIsImportedAndTheErrorSaysWhere() throws Exception {
		Path broken = this.directory.resolve("broken.json");
		Files.writeString(broken, Files.readString(DjangoFixtures.dumpdata())
			.replaceFirst("\"is_active\": false", "\"is_active\": \"no\""));

		assertThat(importUsers(broken)).isOne();

		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("record 6 (pk 8): fields.is_active is not " + "true or false. Nothing was imported.");
		assertThat(userCount()).isZero();
	}

	@Test
	void importWhenFileIsNotJsonOrNotAListOfUsersThenNothingIsImported() throws Exception {
		Path truncated = this.directory.resolve("truncated.json");
		Files.writeString(truncated, Files.readString(DjangoFixtures.dumpdata()).substring(0, 500));
		Path otherModel = this.directory.resolve("groups.json");
		Files.writeString(otherModel, "[{\"model\": \"auth.group\", \"pk\": 1, \"fields\": {\"name\": \"staff\"}}]");

		assertThat(importUsers(truncated)).isOne();
		assertThat(importUsers(otherModel)).isOne();

		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("not JSON")
			.contains("record 1: not a record of the model users.user");
		assertThat(userCount()).isZero();
	}

	@Test
	void originalTokenInsideTheWindowThenAuthenticatesUntilTheUserSignsOutHere() throws Exception {
		importUsers(DjangoFixtures.dumpdata());
		String original = DjangoFixtures.token("alice");

		Response current = get("/users/current/", original);
		assertThat(current.status()).isEqualTo(200);
		assertThat(current.read("$.user.username")).isEqualTo("alice");
		assertThat(current.read("$.user.token")).isEqualTo(original);
		Response update = post("/users/update_current/", "{\"user\":{\"email\":\"alice@new.example.com\"}}", original);
		assertThat(update.status()).isEqualTo(200);
		String ours = update.read("$.user.token");
		assertThat(ours).isNotEqualTo(original);
		assertThat(get("/users/current/", ours).read("$.user.email")).isEqualTo("alice@new.example.com");
		assertThat(get("/users/current/", original).status()).isEqualTo(200);

		assertThat(post("/users/signout/", "{}", original).status()).isEqualTo(204);

		assertThat(get("/users/current/", original).read("$.user.errors.error[0]"))
			.isEqualTo("Token has been revoked.");
		assertThat(get("/users/current/", ours).status()).isEqualTo(401);
	}

	@Test
	void originalTokenWhenUserSignsInHereThenStillValidUntilThePasswordChanges() throws Exception {
		importUsers(DjangoFixtures.dumpdata());
		String original = DjangoFixtures.token("alice");
		String ours = signin("alice", DjangoFixtures.password("alice")).read("$.user.token");
		assertThat(hash("alice")).startsWith("{argon2}");
		assertThat(get("/users/current/", original).status()).isEqualTo(200);

		Response change = post("/users/update_current/",
				"{\"user\":{\"password\":\"a-new-password\",\"current_password\":\"" + DjangoFixtures.password("alice")
						+ "\"}}",
				ours);

		assertThat(change.status()).isEqualTo(200);
		Response refused = get("/users/current/", original);
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.read("$.user.errors.error[0]")).isEqualTo("Token has been revoked.");
	}

	@Test
	void originalTokenWhenExpiredForeignInactiveOrNotImportedThen401() throws Exception {
		importUsers(DjangoFixtures.dumpdata());
		post("/users/signup/",
				"{\"user\":{\"username\":\"newcomer\",\"password\":\"12345678\",\"email\":\"new@example.com\"}}", null);
		// An account created here, with the id of one the original created after the
		// dump.
		this.jdbc.sql("update users set id = 43 where username = 'newcomer'").update();

		assertThat(refusal(DjangoFixtures.token("aliceExpired"))).isEqualTo("Token has expired.");
		assertThat(refusal(DjangoFixtures.token("aliceOtherKey"))).isEqualTo("Invalid token.");
		assertThat(refusal(DjangoFixtures.token("frank"))).isEqualTo("User inactive or deleted.");
		assertThat(refusal(DjangoFixtures.token("notImported"))).isEqualTo("Invalid token.");
	}

	private String refusal(String token) {
		Response response = get("/users/current/", token);
		assertThat(response.status()).isEqualTo(401);
		return response.read("$.user.errors.error[0]");
	}

	/** Runs the command as an operator would, on the database of the running service. */
	private int importUsers(Path file) throws SQLException {
		HikariDataSource database = this.dataSource.unwrap(HikariDataSource.class);
		ImportDjangoUsersCommand command = new ImportDjangoUsersCommand(
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
		return command.run(JwtAuthApplication.class,
				new String[] { file.toString(), "--spring.profiles.active=test",
						"--spring.datasource.url=" + database.getJdbcUrl(),
						"--spring.datasource.username=" + database.getUsername(),
						"--spring.datasource.password=" + database.getPassword() });
	}

	private String output() {
		return this.out.toString(StandardCharsets.UTF_8) + this.err.toString(StandardCharsets.UTF_8);
	}

	private List<Map<String, Object>> rows() {
		return this.jdbc.sql("select * from users order by id").query().listOfRows();
	}

	private Map<String, Object> row(long id) {
		return this.jdbc.sql("select * from users where id = :id").param("id", id).query().singleRow();
	}

	private String hash(String username) {
		return this.jdbc.sql("select password_hash from users where username = :username")
			.param("username", username)
			.query(String.class)
			.single();
	}

	private long userCount() {
		return this.jdbc.sql("select count(*) from users").query(Long.class).single();
	}

	Response signin(String username, String password) {
		return post("/users/signin/",
				"{\"user\":{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}}", null);
	}

	Response post(String path, String json, String token) {
		return exchange(this.client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json), token);
	}

	Response delete(String token, String password) {
		return exchange(this.client.method(HttpMethod.DELETE)
			.uri("/users/current/")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"user\":{\"password\":\"" + password + "\"}}"), token);
	}

	Response get(String path, String token) {
		return exchange(this.client.get().uri(path), token);
	}

	private Response exchange(RestTestClient.RequestHeadersSpec<?> request, String token) {
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Token " + token);
		}
		EntityExchangeResult<String> result = request.exchange().returnResult(String.class);
		return new Response(result.getStatus().value(), result.getResponseBody());
	}

	record Response(int status, String body) {

		String read(String path) {
			Object value = JsonPath.read(this.body, path);
			return (value != null) ? value.toString() : null;
		}

	}

}
