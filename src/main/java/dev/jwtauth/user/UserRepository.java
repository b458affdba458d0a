package dev.jwtauth.user;

import java.util.List;
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

	/**
	 * Replaces a password hash with a stronger one of the same password, unless the
	 * password changed meanwhile; tokens stay valid.
	 * <p>
	 * The one change of a stored {@code password_hash} besides
	 * {@link User#changePasswordHash}, which is for a new password and so revokes tokens:
	 * this keeps them, and {@code updated_at}, since the password is the same. One
	 * conditional statement, without a lock, so that a password changed while the signin
	 * hashed wins; keep the column and its meaning in step with the entity.
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

	/**
	 * Locks every active superuser, in the order of their ids. Every change that could
	 * leave no active superuser takes these locks first, before any other row, so that
	 * two such changes wait for each other instead of both counting the other superuser,
	 * and never deadlock. Ids only: no entity is loaded before the lock is granted.
	 */
	@Query(value = "select id from users where is_superuser and is_active order by id for update", nativeQuery = true)
	List<Long> lockActiveSuperusers();

	@Query("select count(u) from User u where u.superuser = true and u.active = true")
	long countActiveSuperusers();

	@Modifying
	@Query(value = "insert into deleted_user_ids (id, deleted_at) values (:id, current_timestamp)", nativeQuery = true)
	int recordDeletion(long id);

}
