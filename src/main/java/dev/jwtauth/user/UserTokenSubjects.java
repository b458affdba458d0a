package dev.jwtauth.user;

import java.util.Optional;

import dev.jwtauth.security.TokenSubject;
import dev.jwtauth.security.TokenSubjects;

import org.springframework.stereotype.Component;

@Component
class UserTokenSubjects implements TokenSubjects {

	private final UserRepository users;

	UserTokenSubjects(UserRepository users) {
		this.users = users;
	}

	@Override
	public Optional<TokenSubject> findById(long id) {
		return this.users.findSubjectById(id);
	}

}
