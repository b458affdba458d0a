package dev.jwtauth.user;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import dev.jwtauth.security.TokenFailure;
import dev.jwtauth.security.TokenPrincipal;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface UserRepository extends JpaRepository<User, Long> {

	Optional<User> findByUsernameKey(String usernameKey);

	Optional<User> findByEmailKey(String emailKey);

	boolean existsByUsernameKeyAndIdNot(String usernameKey, long id);

	boolean existsByEmailKeyAndIdNot(String emailKey, long id);

	/**
	 * Replaces a password hash with a stronger one of the same password, unless the
	 * password changed meanwhile; tokens stay valid.
	 */
	@Modifying
	@Transactional
	@Query("update User u set u.passwordHash = :newHash where u.id = :id and u.passwordHash = :oldHash")
	int rehashPassword(long id, String oldHash, String newHash);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from User u where u.id = :id")
	Optional<User> findForUpdateById(long id);

	/**
	 * Locks the row of the user {@code principal} was authenticated as, for a change its
	 * token authorises, and checks that the token still stands: a sign-out, password
	 * change, deactivation or deletion committed since the request was authenticated
	 * refuses the change. Runs inside the transaction that makes the change.
	 * @throws TokenNoLongerValidException when the user is gone or inactive, or the
	 * token's version is no longer the user's
	 */
	default User lockForChangeBy(TokenPrincipal principal) {
		User user = findForUpdateById(principal.id()).filter(User::isActive)
			.orElseThrow(() -> new TokenNoLongerValidException(TokenFailure.USER_INACTIVE));
		if (user.getTokenVersion() != principal.tokenVersion()) {
			throw new TokenNoLongerValidException(TokenFailure.REVOKED);
		}
		return user;
	}

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from User u where u.usernameKey = :usernameKey")
	Optional<User> findForUpdateByUsernameKey(String usernameKey);

}
