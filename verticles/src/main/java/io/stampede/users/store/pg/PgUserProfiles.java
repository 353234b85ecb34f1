package io.stampede.users.store.pg;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.stampede.users.store.UserProfiles;
import io.stampede.contracts.events.Events;
import io.stampede.contracts.events.FollowChanged;
import io.stampede.contracts.events.UserUpdated;
import io.stampede.users.events.UserOutbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/** Profiles and follows in Postgres; counts are counted, never stored, so they cannot drift. */
public final class PgUserProfiles implements UserProfiles {

  private static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final String USER = """
      SELECT u.id, u.username, u.display_name, u.bio, u.role, u.created_at,
             (SELECT count(*) FROM follows f WHERE f.followee_id = u.id) AS followers,
             (SELECT count(*) FROM follows f WHERE f.follower_id = u.id) AS following
        FROM users u WHERE u.id = $1""";
  private static final String UPDATE = """
      UPDATE users SET display_name = coalesce($2, display_name), bio = coalesce($3, bio) WHERE id = $1
      RETURNING id, display_name, bio""";
  private static final String FOLLOW =
      "INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
  private static final String UNFOLLOW = "DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2";
  private static final String PAGE = """
      SELECT u.id, u.username, u.display_name, f.created_at AS at
        FROM follows f JOIN users u ON u.id = f.%1$s
       WHERE f.%2$s = $1 %3$s
       ORDER BY f.created_at DESC, u.id DESC LIMIT $2""";
  private static final String AFTER = "AND (f.created_at, u.id) < ($3, $4)";

  private final Pool pool;

  public PgUserProfiles(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<JsonObject>> user(String userId) {
    return pool.preparedQuery(USER).execute(Tuple.of(userId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new JsonObject()
          .put("id", r.getString("id")).put("username", r.getString("username"))
          .put("displayName", r.getString("display_name")).put("bio", r.getString("bio")).put("role", r.getString("role"))
          .put("followers", r.getLong("followers")).put("following", r.getLong("following"))
          .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString()));
    });
  }

  /** The change and its {@code user.updated} event commit together. */
  @Override
  public Future<Optional<JsonObject>> update(String userId, String displayName, String bio) {
    return pool.withTransaction(tx -> tx.preparedQuery(UPDATE).execute(Tuple.of(userId, displayName, bio))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture(false);
              }
              Row r = rows.iterator().next();
              return UserOutbox.add(tx, Events.USER_UPDATED, new UserUpdated(userId, r.getString("display_name"),
                  r.getString("bio"))).map(true);
            }))
        .compose(updated -> updated ? user(userId) : Future.succeededFuture(Optional.<JsonObject>empty()));
  }

  /** A new edge and its {@code follow.created} event commit together; following again changes nothing. */
  @Override
  public Future<Boolean> follow(String followerId, String followeeId) {
    return pool.withTransaction(tx -> tx.preparedQuery(FOLLOW).execute(Tuple.of(followerId, followeeId))
            .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
                : UserOutbox.add(tx, Events.FOLLOW_CREATED, new FollowChanged(followerId, followeeId))))
        .map(true)
        .recover(e -> e instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())
            ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  @Override
  public Future<Void> unfollow(String followerId, String followeeId) {
    return pool.withTransaction(tx -> tx.preparedQuery(UNFOLLOW).execute(Tuple.of(followerId, followeeId))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : UserOutbox.add(tx, Events.FOLLOW_DELETED, new FollowChanged(followerId, followeeId))));
  }

  @Override
  public Future<List<JsonObject>> followers(String userId, JsonArray position, int limit) {
    return page("follower_id", "followee_id", userId, position, limit);
  }

  @Override
  public Future<List<JsonObject>> following(String userId, JsonArray position, int limit) {
    return page("followee_id", "follower_id", userId, position, limit);
  }

  private Future<List<JsonObject>> page(String other, String self, String userId, JsonArray position, int limit) {
    Future<RowSet<Row>> rows = position == null
        ? pool.preparedQuery(PAGE.formatted(other, self, "")).execute(Tuple.of(userId, limit))
        : pool.preparedQuery(PAGE.formatted(other, self, AFTER)).execute(Tuple.of(userId, limit,
            OffsetDateTime.ofInstant(Instant.parse(position.getString(0)), ZoneOffset.UTC), position.getString(1)));
    return rows.map(found -> {
      List<JsonObject> summaries = new ArrayList<>();
      found.forEach(r -> summaries.add(new JsonObject().put("id", r.getString("id")).put("username", r.getString("username"))
          .put("displayName", r.getString("display_name"))
          // where this row sits in the page order; the API layer turns it into the cursor and drops it
          .put("_at", r.getOffsetDateTime("at").toInstant().toString())));
      return summaries;
    });
  }
}
