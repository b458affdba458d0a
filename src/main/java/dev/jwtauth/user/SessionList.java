package dev.jwtauth.user;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The user's live sessions, the most recently used first: {@code {"sessions": [...]}}.
 */
@JsonRootName("sessions")
record SessionList(@JsonValue List<SessionView> sessions) {

}
