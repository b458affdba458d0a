package dev.jwtauth.user;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff do to other accounts: list them, look one up, deactivate or reactivate it,
 * and, for superusers, grant or revoke staff. Callers check that the actor is staff.
 */
@Service
public class UserAdministration {

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

	@Transactional(readOnly = true)
	public Page<AccountView> list(int page, int size) {
		return this.users.findAll(PageRequest.of(page, size, Sort.by("id"))).map(AccountView::of);
	}

	@Transactional(readOnly = true)
	public AccountView find(String username) {
		return this.users.findByUsernameKey(UserKeys.username(username))
			.map(AccountView::of)
			.orElseThrow(AccountNotFoundException::new);
	}

	/**
	 * @param actorIsSuperuser whether the staff member making the change may change staff
	 * @throws AccessDeniedException when staff is to change and the actor is no superuser
	 */
	@Transactional
	public AccountView change(String username, AccountChanges changes, boolean actorIsSuperuser) {
		if (changes.isStaff() != null && !actorIsSuperuser) {
			throw new AccessDeniedException("Only superusers grant or revoke staff");
		}
		User user = this.users.findForUpdateByUsernameKey(UserKeys.username(username))
			.orElseThrow(AccountNotFoundException::new);
		if (changes.isActive() != null) {
			user.changeActive(changes.isActive());
		}
		if (changes.isStaff() != null) {
			user.changeStaff(changes.isStaff());
		}
		return AccountView.of(this.users.saveAndFlush(user));
	}

}
