package dev.jwtauth.user;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.LockModeType;

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

	/** Revokes every token issued to the user so far; 0 when there is no such user. */
	@Modifying
	@Transactional
	@Query("update User u set u.tokenVersion = u.tokenVersion + 1, u.updatedAt = :now where u.id = :id")
	int revokeTokens(long id, Instant now);

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

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from User u where u.usernameKey = :usernameKey")
	Optional<User> findForUpdateByUsernameKey(String usernameKey);

}
