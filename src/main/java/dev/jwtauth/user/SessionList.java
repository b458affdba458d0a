package dev.jwtauth.user;

import java.util.List;

/**
 * The user's live sessions, the most recently used first.
 */
record SessionList(List<SessionView> sessions) {

}
