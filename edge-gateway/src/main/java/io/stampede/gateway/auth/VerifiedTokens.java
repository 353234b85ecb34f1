package io.stampede.gateway.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.stampede.contracts.api.Caller;

/**
 * Tokens whose signature, issuer, audience and expiry were already checked, until they expire: an
 * ES256 verification costs about a millisecond of CPU (the JDK's P-256 arithmetic), and during a
 * drop every fan sends the same token again and again. Revocation is not cached here: the gateway
 * checks each request's {@code jti} against the revoked set after this lookup. Bounded: when full,
 * expired entries go first, and if none have expired, new tokens are simply verified every time.
 * Forgotten as a whole when the signing keys change, so a withdrawn key stops working at once.
 */
final class VerifiedTokens {

  private final ConcurrentHashMap<String, Caller> byToken = new ConcurrentHashMap<>();
  private final int capacity;
  private final LongSupplier epochSeconds;

  VerifiedTokens(int capacity, LongSupplier epochSeconds) {
    this.capacity = capacity;
    this.epochSeconds = epochSeconds;
  }

  /** The caller of a token verified before and not expired since, or null. */
  Caller get(String token) {
    Caller caller = byToken.get(token);
    if (caller != null && caller.expiresAtEpochSeconds() <= epochSeconds.getAsLong()) {
      byToken.remove(token, caller);
      return null;
    }
    return caller;
  }

  void put(String token, Caller caller) {
    if (byToken.size() >= capacity) {
      long now = epochSeconds.getAsLong();
      byToken.values().removeIf(c -> c.expiresAtEpochSeconds() <= now);
      if (byToken.size() >= capacity) {
        return;
      }
    }
    byToken.put(token, caller);
  }

  void clear() {
    byToken.clear();
  }

  int size() {
    return byToken.size();
  }
}
