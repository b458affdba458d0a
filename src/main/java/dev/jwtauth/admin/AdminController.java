package dev.jwtauth.admin;

import java.util.List;

import dev.jwtauth.security.Roles;
import dev.jwtauth.security.TokenPrincipal;
import dev.jwtauth.user.AccountChanges;
import dev.jwtauth.user.AccountView;
import dev.jwtauth.user.UserAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * User administration for staff, as the original's admin offered: list accounts page by
 * page, look one up, deactivate or reactivate it, grant or revoke staff. Every change is
 * an audit event.
 */
@RestController
@RequestMapping("/users")
@PreAuthorize("hasRole('" + Roles.STAFF + "')")
class AdminController {

	/**
	 * An account by username, or by id as {@code id:<id>}; the paths of the user
	 * endpoints are not usernames here, so that they keep answering 405 to other methods.
	 */
	private static final String ACCOUNT = "/{account:(?!signup$|signin$|signout$|current$|update_current$).+}";

	private static final Logger audit = LoggerFactory.getLogger("dev.jwtauth.audit");

	private final UserAdministration accounts;

	AdminController(UserAdministration accounts) {
		this.accounts = accounts;
	}

	/**
	 * One page of accounts, oldest first, as {@code {"users": [...]}}; the total is in
	 * {@code X-Total-Count} and the neighbouring pages in {@code Link}.
	 */
	@GetMapping({ "", "/" })
	ResponseEntity<List<AccountView>> list(@RequestParam(defaultValue = "0") String page,
			@RequestParam(defaultValue = "20") String size) {
		Page<AccountView> accounts = this.accounts.list(page, size);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.header("X-Total-Count", Long.toString(accounts.getTotalElements()));
		String links = links(accounts);
		if (!links.isEmpty()) {
			response.header("Link", links);
		}
		return response.body(accounts.getContent());
	}

	@GetMapping({ ACCOUNT, ACCOUNT + "/" })
	AccountView find(@PathVariable String account) {
		return this.accounts.find(account);
	}

	@PatchMapping({ ACCOUNT, ACCOUNT + "/" })
	AccountView change(@AuthenticationPrincipal TokenPrincipal actor, @PathVariable String account,
			@RequestBody AccountChanges changes) {
		AccountView changed = this.accounts.change(actor, account, changes);
		audit.info("Account changed: actor={} actor_id={} target={} target_id={} is_active={} is_staff={}",
				actor.username(), actor.id(), changed.username(), changed.id(), changes.isActive(), changes.isStaff());
		return changed;
	}

	private static String links(Page<AccountView> page) {
		StringBuilder links = new StringBuilder();
		if (page.hasPrevious()) {
			links.append(link(page.previousPageable().getPageNumber(), page.getSize(), "prev"));
		}
		if (page.hasNext()) {
			links.append((links.length() > 0) ? ", " : "")
				.append(link(page.nextPageable().getPageNumber(), page.getSize(), "next"));
		}
		return links.toString();
	}

	private static String link(int page, int size, String relation) {
		String uri = ServletUriComponentsBuilder.fromCurrentRequest()
			.replaceQueryParam("page", page)
			.replaceQueryParam("size", size)
			.toUriString();
		return "<" + uri + ">; rel=\"" + relation + "\"";
	}

}
