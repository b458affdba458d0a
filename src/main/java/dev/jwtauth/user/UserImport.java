package dev.jwtauth.user;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Validator;

import dev.jwtauth.user.ImportReport.Skipped;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Creates accounts kept by the service this one replaces, with their ids, flags, times
 * and password hashes, all in one transaction. Never changes an account that is already
 * here: one with the same id, username and email counts as already present, so running an
 * import again changes nothing.
 */
@Service
public class UserImport {

	/** The width of the password_hash column. */
	private static final int MAX_HASH_LENGTH = 255;

	private final UserRepository users;

	private final JdbcClient jdbc;

	private final IdentityColumn ids;

	private final Validator validator;

	private final TransactionOperations transactions;

	UserImport(UserRepository users, JdbcTemplate jdbcTemplate, Validator validator,
			TransactionOperations transactions) {
		this.users = users;
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.ids = new IdentityColumn(jdbcTemplate);
		this.validator = validator;
		this.transactions = transactions;
	}

	/**
	 * Creates every account that meets the signup rules and is not taken, then moves the
	 * id sequence past the imported ids. Either all of it happens or nothing does.
	 */
	public ImportReport importAll(List<ImportedUser> accounts) {
		return this.transactions.execute((status) -> {
			int imported = 0;
			int alreadyPresent = 0;
			List<Skipped> skipped = new ArrayList<>();
			for (ImportedUser account : accounts) {
				Optional<User> existing = this.users.findById(account.id());
				if (existing.isPresent() && isSameAccount(existing.get(), account)) {
					alreadyPresent++;
					continue;
				}
				String problem = existing.isPresent()
						? "id: Taken by another account (" + existing.get().getUsername() + ")." : problemWith(account);
				if (problem != null) {
					skipped.add(new Skipped(account.id(), problem));
					continue;
				}
				insert(account);
				imported++;
			}
			this.ids.advancePastExistingIds();
			return new ImportReport(imported, alreadyPresent, List.copyOf(skipped));
		});
	}

	/**
	 * Whether the account with this id was imported: the other service's ids name the
	 * same accounts here only for those.
	 */
	public boolean isImported(long id) {
		return this.jdbc.sql("select count(*) from users where id = :id and imported_at is not null")
			.param("id", id)
			.query(Long.class)
			.single() > 0;
	}

	private static boolean isSameAccount(User user, ImportedUser account) {
		return UserKeys.username(user.getUsername()).equals(UserKeys.username(account.username()))
				&& UserKeys.email(user.getEmail()).equals(UserKeys.email(account.email()));
	}

	/** Every rule the account breaks, or {@code null} when it may be created. */
	private String problemWith(ImportedUser account) {
		FieldErrors errors = FieldErrors.of(this.validator.validate(account));
		if (!errors.has("username")) {
			this.users.findByUsernameKey(UserKeys.username(account.username()))
				.ifPresent((other) -> errors.add("username", takenBy(Messages.DUPLICATE_USERNAME, other)));
		}
		if (!errors.has("email")) {
			this.users.findByEmailKey(UserKeys.email(account.email()))
				.ifPresent((other) -> errors.add("email", takenBy(Messages.DUPLICATE_EMAIL, other)));
		}
		if (account.passwordHash() == null || account.passwordHash().length() > MAX_HASH_LENGTH) {
			errors.add("password", "The hash is missing or longer than " + MAX_HASH_LENGTH + " characters.");
		}
		return errors.summary();
	}

	private static String takenBy(String message, User other) {
		return message + " Taken by id " + other.getId() + ", ignoring case.";
	}

	private void insert(ImportedUser account) {
		this.jdbc.sql("""
				insert into users (id, username, username_key, email, email_key, password_hash, is_active, is_staff,
					is_superuser, token_version, created_at, updated_at, imported_at)
				values (:id, :username, :usernameKey, :email, :emailKey, :passwordHash, :active, :staff,
					:superuser, 0, :createdAt, :updatedAt, current_timestamp)""")
			.param("id", account.id())
			.param("username", account.username())
			.param("usernameKey", UserKeys.username(account.username()))
			.param("email", account.email())
			.param("emailKey", UserKeys.email(account.email()))
			.param("passwordHash", account.passwordHash())
			.param("active", account.active())
			.param("staff", account.staff())
			.param("superuser", account.superuser())
			.param("createdAt", account.createdAt().atOffset(ZoneOffset.UTC))
			.param("updatedAt", account.updatedAt().atOffset(ZoneOffset.UTC))
			.update();
	}

}
