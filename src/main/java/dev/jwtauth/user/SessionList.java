package dev.jwtauth.user;

import java.util.List;

import dev.jwtauth.web.NamedCollection;

/**
 * The user's live sessions, the most recently used first: {@code {"sessions": [...]}}.
 */
record SessionList(List<SessionView> sessions) implements NamedCollection {

}
