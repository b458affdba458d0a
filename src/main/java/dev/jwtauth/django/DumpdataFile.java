package dev.jwtauth.django;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.jwtauth.user.ImportedUser;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the output of the original's {@code python manage.py dumpdata users.User}: a list
 * of {@code {"model": "users.user", "pk": …, "fields": {…}}}. Everything in it must have
 * that shape, or nothing is read; fields other than the account's own (groups,
 * permissions, last login) are ignored.
 */
final class DumpdataFile {

	static final String MODEL = "users.user";

	private static final JsonMapper json = JsonMapper.shared();

	private DumpdataFile() {
	}

	/**
	 * @throws MalformedDumpException when the file is not such a list, saying where
	 */
	static List<ImportedUser> read(Path file) throws IOException {
		JsonNode records;
		try {
			records = json.readTree(Files.readAllBytes(file));
		}
		catch (JacksonException ex) {
			throw new MalformedDumpException("not JSON (" + ex.getOriginalMessage() + ")");
		}
		if (records == null || !records.isArray()) {
			throw new MalformedDumpException("not a JSON list of records");
		}
		List<ImportedUser> users = new ArrayList<>();
		Set<Long> ids = new HashSet<>();
		for (int i = 0; i < records.size(); i++) {
			ImportedUser user = user(records.get(i), "record " + (i + 1));
			if (!ids.add(user.id())) {
				throw new MalformedDumpException("record " + (i + 1) + ": pk " + user.id() + " appears twice");
			}
			users.add(user);
		}
		return users;
	}

	private static ImportedUser user(JsonNode record, String where) {
		if (!record.isObject() || !MODEL.equals(record.path("model").asString(null))) {
			throw new MalformedDumpException(where + ": not a record of the model " + MODEL);
		}
		JsonNode pk = record.path("pk");
		if (!pk.isIntegralNumber() || !pk.canConvertToLong() || pk.longValue() < 1) {
			throw new MalformedDumpException(where + ": pk is not a positive integer");
		}
		String at = where + " (pk " + pk.longValue() + ")";
		JsonNode fields = record.path("fields");
		if (!fields.isObject()) {
			throw new MalformedDumpException(at + ": fields is not an object");
		}
		return new ImportedUser(pk.longValue(), string(fields, "username", at), string(fields, "email", at),
				DjangoPasswordHashes.PREFIX + string(fields, "password", at), bool(fields, "is_active", at),
				bool(fields, "is_staff", at), bool(fields, "is_superuser", at), instant(fields, "created_at", at),
				instant(fields, "updated_at", at));
	}

	private static String string(JsonNode fields, String name, String at) {
		JsonNode value = fields.path(name);
		if (!value.isString()) {
			throw new MalformedDumpException(at + ": fields." + name + " is not a string");
		}
		return value.stringValue();
	}

	private static boolean bool(JsonNode fields, String name, String at) {
		JsonNode value = fields.path(name);
		if (!value.isBoolean()) {
			throw new MalformedDumpException(at + ": fields." + name + " is not true or false");
		}
		return value.booleanValue();
	}

	/**
	 * Django writes {@code 2024-01-15T10:30:00.123Z} with time zone support on, and a
	 * time without offset, taken here as UTC, without.
	 */
	private static Instant instant(JsonNode fields, String name, String at) {
		try {
			TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(string(fields, name, at),
					OffsetDateTime::from, LocalDateTime::from);
			return (parsed instanceof OffsetDateTime offset) ? offset.toInstant()
					: ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new MalformedDumpException(at + ": fields." + name + " is not a date and time");
		}
	}

	/** The file is not what dumpdata writes; the message says where. */
	static final class MalformedDumpException extends RuntimeException {

		MalformedDumpException(String message) {
			super(message, null, false, false);
		}

	}

}
