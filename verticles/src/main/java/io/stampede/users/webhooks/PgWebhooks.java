package io.stampede.users.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.stampede.contracts.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Webhooks and their durable delivery queue in Postgres. */
public final class PgWebhooks {

  /** A delivery in hand: claimed (leased) by this member for one attempt. */
  public record Delivery(String id, String hookId, String url, String secret, String body, int attempts,
                         long ageMs) {
  }

  private static final String ENQUEUE = """
      INSERT INTO webhook_deliveries (id, hook_id, event_id, body)
      SELECT 'msg_' || md5(h.id || '/' || $1), h.id, $1, $2 FROM webhooks h
       WHERE h.user_id = ANY($3) AND $4 = ANY(h.events) AND h.deleted_at IS NULL
      ON CONFLICT (hook_id, event_id) DO NOTHING""";
  // The oldest pending delivery of each live hook: only it may be sent, so a hook's deliveries go
  // out one at a time, in order.
  private static final String HEADS = """
      SELECT DISTINCT ON (d.hook_id) d.id, d.next_attempt_at, d.lease_until
        FROM webhook_deliveries d JOIN webhooks h ON h.id = d.hook_id AND h.deleted_at IS NULL
       WHERE d.status = 'PENDING'
       ORDER BY d.hook_id, d.seq""";
  // The heads that are due and that nobody holds. The lease is re-checked on the row itself, so two
  // members claiming at once cannot both take one.
  private static final String CLAIM = "WITH heads AS (" + HEADS + """
      )
      UPDATE webhook_deliveries d
         SET lease_until = now() + make_interval(secs => $1), attempts = d.attempts + 1
        FROM heads, webhooks h
       WHERE d.id = heads.id AND h.id = d.hook_id AND d.next_attempt_at <= now()
         AND (d.lease_until IS NULL OR d.lease_until < now())
      RETURNING d.id, d.hook_id, d.body, d.attempts, h.url, h.secret,
                (extract(epoch FROM now() - d.created_at) * 1000)::bigint AS age_ms""";
  // When the first head can be claimed: its next attempt is due and its lease, if any, is over
  // (greatest ignores a NULL lease).
  private static final String UNTIL_NEXT_DUE = "WITH heads AS (" + HEADS + """
      )
      SELECT ceil(extract(epoch FROM min(greatest(next_attempt_at, lease_until)) - now())
                  * 1000)::bigint AS ms
        FROM heads""";

  private final Pool pool;

  public PgWebhooks(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonObject> create(String userId, String url, List<String> events, String secret) {
    String id = Ids.newId();
    return pool.preparedQuery("INSERT INTO webhooks (id, user_id, url, events, secret) VALUES ($1, $2, $3, $4, $5) "
            + "RETURNING created_at")
        .execute(Tuple.of(id, userId, url).addArrayOfString(events.toArray(String[]::new)).addString(secret))
        .map(rows -> new JsonObject().put("id", id).put("url", url).put("events", new JsonArray(events))
            .put("secret", secret)
            .put("createdAt", rows.iterator().next().getOffsetDateTime("created_at").toInstant().toString()));
  }

  /** The user's live hooks, without their secrets. */
  public Future<List<JsonObject>> list(String userId) {
    return pool.preparedQuery("SELECT id, url, events, created_at FROM webhooks WHERE user_id = $1 AND deleted_at IS NULL "
        + "ORDER BY created_at, id").execute(Tuple.of(userId)).map(rows -> {
          List<JsonObject> hooks = new ArrayList<>();
          for (Row r : rows) {
            hooks.add(new JsonObject().put("id", r.getString("id")).put("url", r.getString("url"))
                .put("events", new JsonArray(List.of(r.getArrayOfStrings("events"))))
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString()));
          }
          return hooks;
        });
  }

  /** True when a live hook of this user was removed; its undelivered deliveries are dropped with it. */
  public Future<Boolean> delete(String userId, String hookId) {
    return pool.preparedQuery("UPDATE webhooks SET deleted_at = now() WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL")
        .execute(Tuple.of(hookId, userId)).map(rows -> rows.rowCount() == 1);
  }

  /** One delivery per live hook of {@code subjects} that subscribed to {@code type}; a repeated event adds nothing. */
  public Future<Void> enqueue(String eventId, String type, String body, List<String> subjects) {
    return pool.preparedQuery(ENQUEUE)
        .execute(Tuple.of(eventId, body).addArrayOfString(subjects.toArray(String[]::new)).addString(type))
        .mapEmpty();
  }

  /**
   * How long until a delivery can be claimed, by the database's clock (the one {@link #claimDue}
   * goes by): zero or negative when one can be now, empty when none is pending.
   */
  public Future<Optional<Duration>> untilNextDue() {
    return pool.query(UNTIL_NEXT_DUE).execute().map(rows -> {
      Long ms = rows.iterator().next().getLong("ms");
      return Optional.ofNullable(ms).map(Duration::ofMillis);
    });
  }

  public Future<List<Delivery>> claimDue(Duration lease) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of((double) lease.toSeconds())).map(rows -> {
      List<Delivery> due = new ArrayList<>();
      for (Row r : rows) {
        due.add(new Delivery(r.getString("id"), r.getString("hook_id"), r.getString("url"), r.getString("secret"),
            r.getString("body"), r.getInteger("attempts"), r.getLong("age_ms")));
      }
      return due;
    });
  }

  public Future<Void> delivered(String id) {
    return finish(id, "DELIVERED", null);
  }

  public Future<Void> failed(String id, String error) {
    return finish(id, "FAILED", error);
  }

  public Future<Void> retryLater(String id, Duration wait, String error) {
    return pool.preparedQuery("UPDATE webhook_deliveries SET lease_until = NULL, last_error = $2, "
            + "next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1")
        .execute(Tuple.of(id, error, wait.toMillis() / 1000.0)).mapEmpty();
  }

  private Future<Void> finish(String id, String status, String error) {
    return pool.preparedQuery("UPDATE webhook_deliveries SET status = $2, last_error = $3, lease_until = NULL, "
        + "finished_at = now() WHERE id = $1").execute(Tuple.of(id, status, error)).mapEmpty();
  }
}
