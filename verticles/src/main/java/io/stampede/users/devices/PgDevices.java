package io.stampede.users.devices;

import java.util.Optional;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Push targets in Postgres. A token belongs to one device, so registering it again moves it to the new user. */
public final class PgDevices {

  private static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final String REGISTER = """
      INSERT INTO devices (fcm_token, user_id, platform) VALUES ($1, $2, $3)
      ON CONFLICT (fcm_token) DO UPDATE SET user_id = excluded.user_id, platform = excluded.platform
      RETURNING fcm_token, platform, created_at""";

  private final Pool pool;

  public PgDevices(Pool pool) {
    this.pool = pool;
  }

  /** The registered device; empty when the user does not exist. */
  public Future<Optional<JsonObject>> register(String userId, String fcmToken, String platform) {
    return pool.preparedQuery(REGISTER).execute(Tuple.of(fcmToken, userId, platform))
        .map(rows -> {
          Row r = rows.iterator().next();
          return Optional.of(new JsonObject().put("fcmToken", r.getString("fcm_token"))
              .put("platform", r.getString("platform"))
              .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString()));
        })
        .recover(e -> e instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())
            ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
  }

  /** Idempotent: a token that is not this user's is left alone. */
  public Future<Void> remove(String userId, String fcmToken) {
    return pool.preparedQuery("DELETE FROM devices WHERE fcm_token = $1 AND user_id = $2")
        .execute(Tuple.of(fcmToken, userId)).mapEmpty();
  }
}
