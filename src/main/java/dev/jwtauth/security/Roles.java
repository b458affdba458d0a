package dev.jwtauth.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The roles the original's flags grant: {@code is_staff} administers users,
 * {@code is_superuser} also grants and revokes staff and changes other staff. A superuser
 * has every right of staff whatever its {@code is_staff} says, as Django grants a
 * superuser every permission.
 */
public final class Roles {

	public static final String STAFF = "STAFF";

	public static final String SUPERUSER = "SUPERUSER";

	static final GrantedAuthority STAFF_AUTHORITY = new SimpleGrantedAuthority("ROLE_" + STAFF);

	static final GrantedAuthority SUPERUSER_AUTHORITY = new SimpleGrantedAuthority("ROLE_" + SUPERUSER);

	private Roles() {
	}

}
