package io.stampede.auth.store;

import java.time.Instant;
import java.util.Optional;

import io.vertx.core.Future;

/** Accounts as the auth service needs them. */
public interface UserStore {

  /** Fails with {@code USERNAME_TAKEN} when the username exists. */
  Future<Account> create(Account account);

  Future<Optional<Account>> byUsername(String username);

  Future<Optional<Account>> byId(String id);

  /** An account row; {@code passwordHash} never leaves the auth service. */
  record Account(String id, String username, String passwordHash, String displayName, String bio, String role,
                 Instant createdAt) {
  }
}
