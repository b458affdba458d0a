package dev.jwtauth.user;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.validation.Validator;

import dev.jwtauth.user.ImportReport.Skipped;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates accounts kept by the service this one replaces, with their ids, flags, times
 * and password hashes, all in one transaction. Never changes an account that is already
 * here: one with the same id, username and email counts as already present, so running an
 * import again changes nothing. Never brings back an account deleted here, nor takes an
 * id that an account created here has had: tokens name users by id.
 */
@Service
public class UserImport {

	/**
	 * Longer than any import takes: the service's default timeout suits requests, not a
	 * hundred thousand accounts.
	 */
	static final Duration TIMEOUT = Duration.ofHours(1);

	/** Accounts looked up and written together: one statement of each kind per batch. */
	static final int BATCH_SIZE = 500;

	/** The width of the password_hash column. */
	private static final int MAX_HASH_LENGTH = 255;

	/**
	 * The one path besides the {@link User} entity that creates accounts, because an
	 * import writes what the entity never does (the ids, times and flags the original
	 * kept) and writes hundreds of thousands of rows in batches, which the entity's
	 * identity-generated inserts cannot. Keep it in step with {@link User}: the kept
	 * username and email normalized as {@link ImportedUser} does, the keys from
	 * {@link UserKeys}, the first token version, and any column a migration adds. An
	 * imported address is unverified: nothing here has shown that its owner reads it.
	 */
	private static final String INSERT = """
			insert into users (id, username, username_key, email, email_key, password_hash, is_active, is_staff,
				is_superuser, email_verified, token_version, created_at, updated_at, imported_at)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, false, 0, ?, ?, current_timestamp)""";

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	private final IdentityColumn ids;

	private final Validator validator;

	private final TransactionTemplate transactions;

	UserImport(JdbcTemplate jdbcTemplate, Validator validator, PlatformTransactionManager transactionManager) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.ids = new IdentityColumn(jdbcTemplate);
		this.validator = validator;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setTimeout((int) TIMEOUT.toSeconds());
	}

	/**
	 * Creates every account that meets the signup rules and is not taken, then moves the
	 * id sequence past the imported ids. Either all of it happens or nothing does: an
	 * exception from {@code accounts} undoes the import. Reads the accounts once, a batch
	 * at a time, so that memory does not grow with their number.
	 */
	public ImportReport importAll(Stream<ImportedUser> accounts) {
		return this.transactions.execute((status) -> {
			if (this.ids.isPostgres()) {
				// After five runs of a prepared statement PostgreSQL may keep one
				// generic plan, chosen while this transaction's own rows were few: a
				// scan of the whole table comparing each row with all 500 keys in
				// turn, kept while the table grows to the size of the import. A plan
				// made for each look-up sees the table's size and the keys: an index
				// scan, or one pass hashing them. Local: ends with the transaction,
				// pooled connections keep the default.
				this.jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
			}
			Run run = new Run(this.ids.next(),
					this.jdbc.sql("select first_id, next_id from imported_id_ranges")
						.query((row, number) -> new long[] { row.getLong(1), row.getLong(2) })
						.list());
			List<ImportedUser> batch = new ArrayList<>(BATCH_SIZE);
			for (Iterator<ImportedUser> each = accounts.iterator(); each.hasNext();) {
				batch.add(each.next());
				if (batch.size() == BATCH_SIZE || !each.hasNext()) {
					importBatch(batch, run);
					batch.clear();
				}
			}
			long next = this.ids.nextPastExistingIds();
			if (next > run.firstUnused) {
				this.jdbc.sql("insert into imported_id_ranges (first_id, next_id) values (:first, :next)")
					.param("first", run.firstUnused)
					.param("next", next)
					.update();
			}
			this.ids.advancePastExistingIds();
			return new ImportReport(run.imported, run.alreadyPresent, List.copyOf(run.skipped));
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

	private void importBatch(List<ImportedUser> batch, Run run) {
		List<Long> batchIds = batch.stream().map(ImportedUser::id).toList();
		Map<Long, Existing> existing = new HashMap<>();
		this.jdbc.sql("select id, username, username_key, email_key from users where id in (:ids)")
			.param("ids", batchIds)
			.query((row, number) -> new Existing(row.getLong(1), row.getString(2), row.getString(3), row.getString(4)))
			.list()
			.forEach((account) -> existing.put(account.id(), account));
		Set<Long> deleted = new HashSet<>(this.jdbc.sql("select id from deleted_user_ids where id in (:ids)")
			.param("ids", batchIds)
			.query(Long.class)
			.list());
		Map<String, Long> usernames = takenKeys("username_key",
				batch.stream().map(ImportedUser::username).filter(Objects::nonNull).map(UserKeys::username).toList());
		Map<String, Long> emails = takenKeys("email_key",
				batch.stream().map(ImportedUser::email).filter(Objects::nonNull).map(UserKeys::email).toList());
		List<Object[]> inserts = new ArrayList<>();
		for (ImportedUser account : batch) {
			Existing same = existing.get(account.id());
			if (same != null && same.isSameAccount(account)) {
				run.alreadyPresent++;
				continue;
			}
			String problem = (same != null) ? "id: Taken by another account (" + same.username() + ")."
					: idProblem(account.id(), deleted, run);
			if (problem == null) {
				problem = problemWith(account, usernames, emails);
			}
			if (problem != null) {
				run.skipped.add(new Skipped(account.id(), problem));
				continue;
			}
			usernames.put(UserKeys.username(account.username()), account.id());
			emails.put(UserKeys.email(account.email()), account.id());
			inserts.add(row(account));
			run.imported++;
		}
		this.jdbcTemplate.batchUpdate(INSERT, inserts);
	}

	/** Why an id no account here has now may not be imported, or {@code null}. */
	private static String idProblem(long id, Set<Long> deleted, Run run) {
		if (deleted.contains(id)) {
			return "id: Deleted here; an account deleted here is never imported again.";
		}
		if (run.wasGivenHere(id)) {
			return "id: Given to an account created here before; an id is never given twice.";
		}
		return null;
	}

	private Map<String, Long> takenKeys(String column, List<String> keys) {
		Map<String, Long> taken = new HashMap<>();
		if (!keys.isEmpty()) {
			// The column is one of two constants, not input.
			this.jdbc.sql("select " + column + ", id from users where " + column + " in (:keys)")
				.param("keys", keys)
				.query((row, number) -> taken.put(row.getString(1), row.getLong(2)))
				.list();
		}
		return taken;
	}

	/** Every rule the account breaks, or {@code null} when it may be created. */
	private String problemWith(ImportedUser account, Map<String, Long> usernames, Map<String, Long> emails) {
		FieldErrors errors = FieldErrors.of(this.validator.validate(account));
		if (!errors.has("username")) {
			Long other = usernames.get(UserKeys.username(account.username()));
			if (other != null) {
				errors.add("username", takenBy(Messages.DUPLICATE_USERNAME, other));
			}
		}
		if (!errors.has("email")) {
			Long other = emails.get(UserKeys.email(account.email()));
			if (other != null) {
				errors.add("email", takenBy(Messages.DUPLICATE_EMAIL, other));
			}
		}
		if (account.passwordHash() == null || account.passwordHash().length() > MAX_HASH_LENGTH) {
			errors.add("password", "The hash is missing or longer than " + MAX_HASH_LENGTH + " characters.");
		}
		return errors.summary();
	}

	private static String takenBy(String message, long other) {
		return message + " Taken by id " + other + ", ignoring case.";
	}

	private static Object[] row(ImportedUser account) {
		return new Object[] { account.id(), account.username(), UserKeys.username(account.username()), account.email(),
				UserKeys.email(account.email()), account.passwordHash(), account.active(), account.staff(),
				account.superuser(), account.createdAt().atOffset(ZoneOffset.UTC),
				account.updatedAt().atOffset(ZoneOffset.UTC) };
	}

	/** An account here with an id the file names. */
	private record Existing(long id, String username, String usernameKey, String emailKey) {

		boolean isSameAccount(ImportedUser account) {
			return account.username() != null && account.email() != null
					&& this.usernameKey.equals(UserKeys.username(account.username()))
					&& this.emailKey.equals(UserKeys.email(account.email()));
		}

	}

	/** What one import has done so far, and what it knows of the ids given here. */
	private static final class Run {

		/** The identity's next id when the import began. */
		final long firstUnused;

		/** The ids earlier imports moved the identity past: never given here. */
		final List<long[]> reserved;

		int imported;

		int alreadyPresent;

		final List<Skipped> skipped = new ArrayList<>();

		Run(long firstUnused, List<long[]> reserved) {
			this.firstUnused = firstUnused;
			this.reserved = reserved;
		}

		/**
		 * Whether the identity may have given this id to an account created here: it is
		 * below where the identity stood, and no import moved the identity past it.
		 */
		boolean wasGivenHere(long id) {
			return id < this.firstUnused
					&& this.reserved.stream().noneMatch((range) -> id >= range[0] && id < range[1]);
		}

	}

}
