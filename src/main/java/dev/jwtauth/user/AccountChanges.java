package dev.jwtauth.user;

/**
 * What staff may change of an account; absent fields stay as they are.
 *
 * @param isActive {@code false} deactivates the account and revokes its tokens
 * @param isStaff grants or revokes staff; superusers only
 */
public record AccountChanges(Boolean isActive, Boolean isStaff) {
}
