package dev.jwtauth.admin;

import java.util.List;

import dev.jwtauth.security.Roles;
import dev.jwtauth.security.TokenPrincipal;
import dev.jwtauth.user.AccountChanges;
import dev.jwtauth.user.AccountView;
import dev.jwtauth.user.UserAdministration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
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
 * an audit event. {@code @Order} places each endpoint in the API document.
 */
@RestController
@RequestMapping("/users")
@Tag(name = "Administration", description = "Staff: list, look up, deactivate and reactivate accounts")
@PreAuthorize("hasRole('" + Roles.STAFF + "')")
class AdminController {

	/**
	 * An account by username, or by id as {@code id:<id>}. A path that another handler
	 * maps (such as {@code /users/signup}) is that handler's, never an account here.
	 */
	private static final String ACCOUNT = "/{account}";

	private static final String NOT_STAFF = "The token is not a staff member's";

	private static final String NO_ACCOUNT = "No account has this username or id";

	private static final Logger audit = LoggerFactory.getLogger("dev.jwtauth.audit");

	private final UserAdministration accounts;

	AdminController(UserAdministration accounts) {
		this.accounts = accounts;
	}

	/**
	 * One page of accounts, oldest first, as {@code {"users": [...]}}; the total is in
	 * {@code X-Total-Count} and the neighbouring pages in {@code Link}.
	 */
	@GetMapping
	@Order(1)
	@Operation(summary = "List accounts, oldest first, a page at a time")
	@ApiResponse(responseCode = "200",
			description = "One page of accounts, the total in X-Total-Count, the neighbouring pages in Link")
	@ApiResponse(responseCode = "400", description = "page or size is not a number in range")
	@ApiResponse(responseCode = "403", description = NOT_STAFF)
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

	@GetMapping(ACCOUNT)
	@Order(2)
	@Operation(summary = "One account, by username or as id:<id>")
	@ApiResponse(responseCode = "200", description = "The account")
	@ApiResponse(responseCode = "403", description = NOT_STAFF)
	@ApiResponse(responseCode = "404", description = NO_ACCOUNT)
	AccountView find(@PathVariable String account) {
		return this.accounts.find(account);
	}

	@PatchMapping(ACCOUNT)
	@Order(3)
	@Operation(summary = "Activate or deactivate an account, grant or revoke staff",
			description = "Deactivation revokes the account's tokens; only superusers change is_staff, "
					+ "other staff members or superusers.")
	@ApiResponse(responseCode = "200", description = "The changed account")
	@ApiResponse(responseCode = "400",
			description = "A flag that is not a boolean, deactivating oneself, "
					+ "is_staff on a superuser, or a malformed body")
	@ApiResponse(responseCode = "403", description = NOT_STAFF + ", or a change only a superuser may make")
	@ApiResponse(responseCode = "404", description = NO_ACCOUNT)
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
		// Links name the list in its documented form, with the trailing slash
		String uri = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/")
			.replaceQueryParam("page", page)
			.replaceQueryParam("size", size)
			.toUriString();
		return "<" + uri + ">; rel=\"" + relation + "\"";
	}

}
