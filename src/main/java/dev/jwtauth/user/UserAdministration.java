package dev.jwtauth.user;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jwtauth.security.TokenPrincipal;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff do to other accounts: list them, look one up, deactivate or reactivate it,
 * and, for superusers, grant or revoke staff. A superuser has every right of staff
 * whatever its {@code is_staff} says; staff who are not superusers change only accounts
 * that are neither staff nor superusers. Nobody deactivates their own account.
 */
@Service
public class UserAdministration {

	static final int MAX_PAGE_SIZE = 100;

	/** An account named by its id; at most 18 digits, so that every such id is a long. */
	private static final Pattern ID_NAME = Pattern.compile("id:([1-9][0-9]{0,17})");

	private final UserRepository users;

	private final UserService service;

	UserAdministration(UserRepository users, UserService service) {
		this.users = users;
		this.service = service;
	}

	/**
	 * Creates a superuser, as the original's {@code createsuperuser} did, under the
	 * signup rules.
	 * @throws UserValidationException when the input breaks a rule or is taken
	 */
	public AccountView createSuperuser(String username, String email, String password) {
		return AccountView.of(this.service.create(new SignupRequest(username, email, password), true));
	}

	/**
	 * One page of accounts, oldest first.
	 * @param page the page number as the client wrote it, counting from 0
	 * @param size the page size as the client wrote it, 1 to {@link #MAX_PAGE_SIZE}
	 * @throws UserValidationException when either is not a number in its range, or the
	 * page starts beyond the last row the database can skip to
	 */
	@Transactional(readOnly = true)
	public Page<AccountView> list(String page, String size) {
		FieldErrors errors = new FieldErrors();
		int pageSize = number(size, 1, MAX_PAGE_SIZE, Messages.SIZE_RANGE, "size", errors);
		// Offsets are ints in JPA: the first row of the page and the page itself must
		// fit.
		int lastPage = (Integer.MAX_VALUE / Math.max(pageSize, 1)) - 1;
		int pageNumber = number(page, 0, lastPage, Messages.PAGE_RANGE, "page", errors);
		errors.throwIfAny();
		return this.users.findAll(PageRequest.of(pageNumber, pageSize, Sort.by("id"))).map(AccountView::of);
	}

	private static int number(String value, int min, int max, String message, String field, FieldErrors errors) {
		try {
			int number = Integer.parseInt(value.strip());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below like any value out of range.
		}
		errors.add(field, message.formatted(max));
		return min;
	}

	/**
	 * An account by {@code name}: {@code id:<id>}, which no username can be (usernames
	 * have no colon), or else its username, ignoring case. An id names the account for
	 * good: its owner can rename it with a token alone, but not away from staff.
	 */
	@Transactional(readOnly = true)
	public AccountView find(String name) {
		Long id = idIn(name);
		Optional<User> user = (id != null) ? this.users.findById(id)
				: this.users.findByUsernameKey(UserKeys.username(name));
		return user.map(AccountView::of).orElseThrow(AccountNotFoundException::new);
	}

	private Optional<User> lockNamed(String name) {
		Long id = idIn(name);
		return (id != null) ? this.users.findForUpdateById(id)
				: this.users.findForUpdateByUsernameKey(UserKeys.username(name));
	}

	/** The id of an {@code id:<id>} name, or {@code null} for a username. */
	private static Long idIn(String name) {
		Matcher matcher = ID_NAME.matcher(name);
		return matcher.matches() ? Long.valueOf(matcher.group(1)) : null;
	}

	/**
	 * Changes an account on behalf of {@code actor}, whose token and rights are checked
	 * against its own locked row in the same transaction, not against what the token said
	 * when the request was authenticated.
	 * @throws AccessDeniedException when the actor may not make this change
	 * @throws UserValidationException when the change breaks a rule
	 * @param name the account, as {@link #find(String)} names it
	 * @throws TokenNoLongerValidException when the actor's token no longer stands
	 */
	@Transactional
	public AccountView change(TokenPrincipal actor, String name, AccountChanges changes) {
		// The same lock order as every other change that can deactivate a superuser.
		this.users.lockActiveSuperusers();
		User acting = this.service.lockForChangeBy(actor);
		if (!hasStaffRights(acting)) {
			throw new AccessDeniedException("Not staff");
		}
		User target = lockNamed(name).orElseThrow(AccountNotFoundException::new);
		boolean self = target.getId().equals(acting.getId());
		if (!acting.isSuperuser() && ((hasStaffRights(target) && !self) || changes.isStaff() != null)) {
			throw new AccessDeniedException("Only superusers change staff and superusers");
		}
		FieldErrors errors = new FieldErrors();
		if (Boolean.FALSE.equals(changes.isActive()) && self) {
			errors.add("isActive", Messages.OWN_DEACTIVATION);
		}
		if (changes.isStaff() != null && target.isSuperuser()) {
			errors.add("isStaff", Messages.SUPERUSER_IS_STAFF);
		}
		errors.throwIfAny();
		if (changes.isActive() != null) {
			target.changeActive(changes.isActive());
		}
		if (changes.isStaff() != null) {
			target.changeStaff(changes.isStaff());
		}
		return AccountView.of(this.users.saveAndFlush(target));
	}

	/** The one rule for rights: a superuser is staff whatever {@code is_staff} says. */
	private static boolean hasStaffRights(User user) {
		return user.isStaff() || user.isSuperuser();
	}

}
