package io.stampede.auth.store.pg;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.stampede.auth.store.RefreshTokenStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Refresh tokens in Postgres. Spending is one conditional UPDATE, so two refreshes racing with the
 * same token cannot both win; the loser sees a spent token and revokes the family, which is what
 * a stolen token presented twice must cause.
 */
public final class PgRefreshTokenStore implements RefreshTokenStore {

  private static final String ADD =
      "INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES ($1, $2, $3, $4)";
  private static final String SPEND = """
      UPDATE refresh_tokens SET spent_at = now()
       WHERE token_hash = $1 AND spent_at IS NULL AND revoked_at IS NULL AND expires_at > now()
      RETURNING family_id, user_id""";
  private static final String FIND_SPENT =
      "SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = $1 AND spent_at IS NOT NULL";
  private static final String REVOKE_FAMILY =
      "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL";
  private static final String REVOKE_FAMILY_OF = """
      UPDATE refresh_tokens SET revoked_at = now()
       WHERE revoked_at IS NULL
         AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2)""";

  private final Pool pool;

  public PgRefreshTokenStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> add(String tokenHash, String familyId, String userId, Instant expiresAt) {
    return pool.preparedQuery(ADD)
        .execute(Tuple.of(tokenHash, familyId, userId, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC)))
        .mapEmpty();
  }

  @Override
  public Future<Spend> spend(String tokenHash) {
    return pool.preparedQuery(SPEND).execute(Tuple.of(tokenHash)).compose(rows -> {
      if (rows.size() == 1) {
        Row r = rows.iterator().next();
        return Future.succeededFuture(new Spend(Outcome.SPENT, r.getString("family_id"), r.getString("user_id")));
      }
      return pool.preparedQuery(FIND_SPENT).execute(Tuple.of(tokenHash)).compose(spent -> {
        if (spent.size() == 0) {
          return Future.succeededFuture(new Spend(Outcome.INVALID, null, null));
        }
        Row r = spent.iterator().next();
        String family = r.getString("family_id");
        return pool.preparedQuery(REVOKE_FAMILY).execute(Tuple.of(family))
            .map(new Spend(Outcome.REUSED, family, r.getString("user_id")));
      });
    });
  }

  @Override
  public Future<Void> revokeFamilyOf(String tokenHash, String userId) {
    return pool.preparedQuery(REVOKE_FAMILY_OF).execute(Tuple.of(tokenHash, userId)).mapEmpty();
  }
}
