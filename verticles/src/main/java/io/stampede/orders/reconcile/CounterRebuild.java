package io.stampede.orders.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.stampede.orders.store.pg.PgOrderStore;
import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Rebuilds a drop's counters from Postgres: remaining = stock − confirmed units, each buyer's
 * units, and the idempotency records of every durable order (so a replay still gets its first
 * answer). The state hash is written last; until then the drop answers 503.
 */
final class CounterRebuild {

  private static final RedisScript RESTORE = RedisScript.withEpochPrelude(CounterRebuild.class, "/lua/restore.lua");
  private static final int BATCH = 500;
  private static final String ITEMS = "SELECT product_id, stock, per_user_limit, held AS sold FROM drop_items WHERE drop_id = $1";
  private static final String BOUGHT = """
      SELECT product_id, user_id, sum(quantity) AS units FROM orders
       WHERE drop_id = $1 AND status = 'CONFIRMED' GROUP BY product_id, user_id""";
  private static final String ORDERS = """
      SELECT id, user_id, drop_id, product_id, quantity, price_cents, currency, status, created_at, updated_at,
             idempotency_key, request_hash FROM orders WHERE drop_id = $1""";

  private final Pool pool;
  private final Redis redis;
  private final RedisKeys keys;
  private final long recordTtlMs;

  CounterRebuild(Pool pool, Redis redis, RedisKeys keys, Duration recordTtl) {
    this.pool = pool;
    this.redis = redis;
    this.keys = keys;
    this.recordTtlMs = recordTtl.toMillis();
  }

  /** @return whether this call restored the drop (false: another member already had) */
  Future<Boolean> rebuild(String dropId, String status, long version) {
    List<String[]> writes = new ArrayList<>();
    return pool.preparedQuery(ITEMS).execute(Tuple.of(dropId)).compose(items -> {
      for (Row r : items) {
        writes.add(new String[] {keys.dropKey(dropId, "item", r.getString("product_id")), "item",
            (r.getInteger("stock") - r.getLong("sold")) + "|" + r.getInteger("per_user_limit")});
      }
      return pool.preparedQuery(BOUGHT).execute(Tuple.of(dropId));
    }).compose(bought -> {
      for (Row r : bought) {
        writes.add(new String[] {keys.dropKey(dropId, "bought", r.getString("product_id"), r.getString("user_id")),
            "count", String.valueOf(r.getLong("units"))});
      }
      return pool.preparedQuery(ORDERS).execute(Tuple.of(dropId));
    }).compose(orders -> {
      for (Row r : orders) {
        writes.add(new String[] {keys.dropKey(dropId, "idem", r.getString("user_id"), r.getString("idempotency_key")),
            "record", "DONE|" + r.getString("request_hash") + "|CREATED|" + PgOrderStore.toJson(r).encode()});
      }
      return reclaimKeys(orders).compose(v -> restore(dropId, writes, 0));
    }).compose(restored -> restored
        ? RESTORE.run(redis, List.of(state(dropId), keys.dropKey(dropId, "inflight")), "commit", status, version).map(r -> r.toInteger() == 1)
        : Future.succeededFuture(false));
  }

  /** The buyers' cross-drop claims of these orders' keys (each in its user's slot, so one command each). */
  private Future<Void> reclaimKeys(Iterable<Row> orders) {
    List<Future<?>> claims = new ArrayList<>();
    for (Row r : orders) {
      claims.add(redis.send(Request.cmd(Command.SET)
          .arg(keys.userKey(r.getString("user_id"), "idem", r.getString("idempotency_key")))
          .arg(r.getString("request_hash")).arg("NX").arg("PX").arg(recordTtlMs)));
    }
    return Future.all(claims).mapEmpty();
  }

  private Future<Boolean> restore(String dropId, List<String[]> writes, int from) {
    if (from >= writes.size()) {
      return Future.succeededFuture(true);
    }
    List<String[]> batch = writes.subList(from, Math.min(writes.size(), from + BATCH));
    List<String> batchKeys = new ArrayList<>();
    List<Object> args = new ArrayList<>(List.of("data", recordTtlMs));
    batchKeys.add(state(dropId));
    for (String[] w : batch) {
      batchKeys.add(w[0]);
      args.add(w[1]);
      args.add(w[2]);
    }
    return RESTORE.run(redis, batchKeys, args.toArray()).compose(r -> r.toInteger() == 1
        ? restore(dropId, writes, from + BATCH) : Future.succeededFuture(false));
  }

  private String state(String dropId) {
    return keys.dropKey(dropId, "state");
  }
}
