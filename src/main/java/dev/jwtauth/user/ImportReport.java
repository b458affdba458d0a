package dev.jwtauth.user;

import java.util.List;

/**
 * What an import did.
 *
 * @param imported how many accounts it created
 * @param alreadyPresent how many were there already, with the same id, username and email
 * @param skipped the accounts it left out, and why
 */
public record ImportReport(int imported, int alreadyPresent, List<Skipped> skipped) {

	/**
	 * @param id the account's id in the other service
	 * @param reason why it was left out: the field and the rule it breaks
	 */
	public record Skipped(long id, String reason) {
	}

}
