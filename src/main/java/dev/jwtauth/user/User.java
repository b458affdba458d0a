package dev.jwtauth.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

/**
 * A user account. Username and email are kept as given (the email with its domain in
 * lower case) beside their case-folded keys, which the database keeps unique.
 */
@Entity
@Table(name = "users")
class User {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String username;

	private String usernameKey;

	private String email;

	private String emailKey;

	private boolean emailVerified;

	private String passwordHash;

	@Column(name = "is_active")
	private boolean active = true;

	@Column(name = "is_staff")
	private boolean staff;

	@Column(name = "is_superuser")
	private boolean superuser;

	private int tokenVersion;

	private Instant createdAt;

	private Instant updatedAt;

	protected User() {
	}

	User(String username, String email, String passwordHash) {
		changeUsername(username);
		changeEmail(email);
		this.passwordHash = passwordHash;
	}

	void changeUsername(String username) {
		this.username = UserKeys.normalizeUsername(username);
		this.usernameKey = UserKeys.username(username);
	}

	/**
	 * A different address is unverified until its owner shows they read mail there; a
	 * change of case only keeps the verification.
	 */
	void changeEmail(String email) {
		String emailKey = UserKeys.email(email);
		if (!emailKey.equals(this.emailKey)) {
			this.emailVerified = false;
		}
		this.email = UserKeys.normalizeEmail(email);
		this.emailKey = emailKey;
	}

	/** The owner showed they read mail at the account's current address. */
	void markEmailVerified() {
		this.emailVerified = true;
	}

	/** Sets a new password hash and revokes every token issued before. */
	void changePasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
		revokeTokens();
	}

	/** Every token issued so far stops working. */
	void revokeTokens() {
		this.tokenVersion++;
	}

	/**
	 * Deactivating also revokes every token issued so far, so reactivation revives none.
	 */
	void changeActive(boolean active) {
		if (this.active && !active) {
			revokeTokens();
		}
		this.active = active;
	}

	void makeSuperuser() {
		this.staff = true;
		this.superuser = true;
	}

	void changeStaff(boolean staff) {
		this.staff = staff;
	}

	@PrePersist
	void onCreate() {
		this.createdAt = now();
		this.updatedAt = this.createdAt;
	}

	@PreUpdate
	void onUpdate() {
		this.updatedAt = now();
	}

	/**
	 * Now, as precisely as the database keeps it, so that answers show what is stored.
	 */
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	Long getId() {
		return this.id;
	}

	String getUsername() {
		return this.username;
	}

	String getEmail() {
		return this.email;
	}

	boolean isEmailVerified() {
		return this.emailVerified;
	}

	String getEmailKey() {
		return this.emailKey;
	}

	String getPasswordHash() {
		return this.passwordHash;
	}

	boolean isActive() {
		return this.active;
	}

	boolean isStaff() {
		return this.staff;
	}

	boolean isSuperuser() {
		return this.superuser;
	}

	int getTokenVersion() {
		return this.tokenVersion;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
