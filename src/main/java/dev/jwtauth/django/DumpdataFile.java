package dev.jwtauth.django;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.jwtauth.user.ImportedUser;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.DeserializationFeature;
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

	/** Reads one record at a time: the rest of the list follows each. */
	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private DumpdataFile() {
	}

	/**
	 * The records of the file, one at a time as they are read, so that memory does not
	 * grow with the file. Close the stream to close the file.
	 * @throws MalformedDumpException from the stream, when the file turns out not to be
	 * such a list, saying where
	 * @throws UncheckedIOException from the stream, when the file cannot be read
	 */
	static Stream<ImportedUser> read(Path file) throws IOException {
		InputStream in = new BufferedInputStream(Files.newInputStream(file));
		JsonParser parser;
		try {
			parser = json.createParser(in);
		}
		catch (JacksonException ex) {
			in.close();
			throw notJson(ex);
		}
		Records records = new Records(parser);
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED), false)
			.onClose(records::close);
	}

	private static MalformedDumpException notJson(JacksonException ex) {
		return new MalformedDumpException("not JSON (" + ex.getOriginalMessage() + ")");
	}

	/**
	 * Reads one record after another. The pks seen so far are kept, to refuse one that
	 * appears twice: a few dozen bytes for each user.
	 */
	private static final class Records implements Iterator<ImportedUser> {

		private final JsonParser parser;

		private final Set<Long> ids = new HashSet<>();

		private int number;

		private ImportedUser next;

		private boolean done;

		Records(JsonParser parser) {
			this.parser = parser;
		}

		@Override
		public boolean hasNext() {
			if (this.next == null && !this.done) {
				this.next = read();
				this.done = (this.next == null);
			}
			return this.next != null;
		}

		@Override
		public ImportedUser next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			ImportedUser user = this.next;
			this.next = null;
			return user;
		}

		private ImportedUser read() {
			try {
				if (this.number == 0 && this.parser.nextToken() != JsonToken.START_ARRAY) {
					throw new MalformedDumpException("not a JSON list of records");
				}
				JsonToken token = this.parser.nextToken();
				if (token == JsonToken.END_ARRAY) {
					if (this.parser.nextToken() != null) {
						throw new MalformedDumpException("not a JSON list of records");
					}
					return null;
				}
				this.number++;
				JsonNode record = json.readTree(this.parser);
				ImportedUser user = user(record, "record " + this.number);
				if (!this.ids.add(user.id())) {
					throw new MalformedDumpException("record " + this.number + ": pk " + user.id() + " appears twice");
				}
				return user;
			}
			catch (JacksonIOException ex) {
				throw new UncheckedIOException((IOException) ex.getCause());
			}
			catch (JacksonException ex) {
				throw notJson(ex);
			}
		}

		void close() {
			this.parser.close();
		}

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
