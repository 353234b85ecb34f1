package io.stampede.users.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/** Push targets in Postgres. A token belongs to one device, so registering it again moves it to the new user. */
public final class PgDevices {

  private static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final String REGISTER = """
      INSERT INTO devices (fcm_token, user_id, platform) VALUES ($1, $2, $3)
      ON CONFLICT (fcm_token) DO UPDATE SET user_id = excluded.user_id, platform = excluded.platform
      RETURNING fcm_token, platform, created_at""";
  private static final String FOLLOWER_TOKENS = """
      SELECT d.fcm_token FROM follows f JOIN devices d ON d.user_id = f.follower_id
      WHERE f.followee_id = $1 AND d.fcm_token > $2 ORDER BY d.fcm_token LIMIT $3""";

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

  /**
   * Up to {@code limit} device tokens of the creator's followers, in token order after
   * {@code after} (empty for the first page): pages stay stable while follows change.
   */
  public Future<List<String>> followerTokens(String creatorId, String after, int limit) {
    return pool.preparedQuery(FOLLOWER_TOKENS).execute(Tuple.of(creatorId, after, limit)).map(PgDevices::tokens);
  }

  public Future<List<String>> userTokens(String userId) {
    return pool.preparedQuery("SELECT fcm_token FROM devices WHERE user_id = $1 ORDER BY fcm_token")
        .execute(Tuple.of(userId)).map(PgDevices::tokens);
  }

  /** Deletes tokens the push provider no longer knows, whoever registered them. */
  public Future<Integer> forget(List<String> tokens) {
    return pool.preparedQuery("DELETE FROM devices WHERE fcm_token = ANY($1)")
        .execute(Tuple.tuple().addArrayOfString(tokens.toArray(String[]::new))).map(RowSet::rowCount);
  }

  private static List<String> tokens(RowSet<Row> rows) {
    List<String> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(r.getString(0)));
    return out;
  }

  /** Idempotent: a token that is not this user's is left alone. */
  public Future<Void> remove(String userId, String fcmToken) {
    return pool.preparedQuery("DELETE FROM devices WHERE fcm_token = $1 AND user_id = $2")
        .execute(Tuple.of(fcmToken, userId)).mapEmpty();
  }
}
