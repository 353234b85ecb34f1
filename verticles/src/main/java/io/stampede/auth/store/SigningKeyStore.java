package io.stampede.auth.store;

import java.util.List;

import io.stampede.auth.keys.SigningKey;
import io.vertx.core.Future;

/** The keys that verify access tokens, newest first. */
public interface SigningKeyStore {

  Future<List<SigningKey>> active();

  /** Adds a key unless one with its kid exists. */
  Future<Void> add(SigningKey key);
}
