package io.stampede.auth.store;

import java.time.Instant;

import io.vertx.core.Future;

/** Refresh tokens by hash, grouped in families (one per login). */
public interface RefreshTokenStore {

  Future<Void> add(String tokenHash, String familyId, String userId, Instant expiresAt);

  /**
   * Spends a token: succeeds once for a live token. A token already spent revokes its family;
   * an unknown, expired or revoked one changes nothing.
   */
  Future<Spend> spend(String tokenHash);

  /** Revokes the family of a token (logout); unknown tokens are ignored. */
  Future<Void> revokeFamilyOf(String tokenHash, String userId);

  /** What spending a token found. */
  record Spend(Outcome outcome, String familyId, String userId) {
  }

  enum Outcome { SPENT, REUSED, INVALID }
}
