package io.stampede.orders.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.stampede.contracts.events.InventoryChanged;
import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares each item's hot counter with Postgres (stock − held, the units of CONFIRMED orders that
 * the database counts per item as they are written) and repairs a difference that held still for
 * the settle window.
 *
 * <p>A difference is normal for a moment: an order reserved in Redis is not in Postgres until it
 * went through Kafka and the persister, and a cancellation lands in Postgres before its units go
 * back on the counter. So a difference counts as drift only when the persister has nothing left to
 * write and neither the counter nor Postgres moved for longer than any order can be in flight (the
 * Kafka delivery timeout and then some). The repair is a compare-and-set on the observed value, so
 * an order that arrives at that instant wins and the next round looks again.
 */
final class DriftRepair {

  private static final Logger LOG = LoggerFactory.getLogger(DriftRepair.class);
  private static final RedisScript REPAIR = RedisScript.fromResource(DriftRepair.class, "/lua/repair.lua");
  /** {@code held} is kept by the database as orders are written (migration V6): one row per item, no sum. */
  private static final String ITEMS = "SELECT product_id, stock, held FROM drop_items WHERE drop_id = $1";

  /** One look at an item: what the counter said and what Postgres said, and since when. */
  private record Sighting(long remaining, long held, long since) {
  }

  private final Pool pool;
  private final Redis redis;
  private final RedisKeys keys;
  private final long settleMs;
  private final LongSupplier clock;
  private final Map<String, Sighting> sightings = new HashMap<>();

  DriftRepair(Pool pool, Redis redis, RedisKeys keys, long settleMs, LongSupplier clock) {
    this.pool = pool;
    this.redis = redis;
    this.keys = keys;
    this.settleMs = settleMs;
    this.clock = clock;
  }

  /** Something is in flight (persister lag): every sighting starts over. */
  void forget() {
    sightings.clear();
  }

  /** @return the repairs made, as inventory changes to announce */
  Future<List<InventoryChanged>> check(String dropId) {
    return pool.preparedQuery(ITEMS).execute(Tuple.of(dropId)).compose(items -> {
      List<Future<InventoryChanged>> checks = new ArrayList<>();
      for (Row item : items) {
        checks.add(checkItem(dropId, item.getString("product_id"), item.getInteger("stock"), item.getLong("held")));
      }
      return Future.all(checks).map(all -> {
        List<InventoryChanged> repairs = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
          if (all.resultAt(i) != null) {
            repairs.add(all.resultAt(i));
          }
        }
        return repairs;
      });
    });
  }

  private Future<InventoryChanged> checkItem(String dropId, String productId, int stock, long held) {
    String itemKey = keys.dropKey(dropId, "item", productId);
    String sightingKey = dropId + "/" + productId;
    return redis.send(Request.cmd(Command.HGET).arg(itemKey).arg("remaining")).compose(value -> {
      if (value == null) {
        sightings.remove(sightingKey);
        return Future.succeededFuture();
      }
      long remaining = value.toLong();
      long expected = Math.max(0, stock - held);
      if (remaining == expected) {
        sightings.remove(sightingKey);
        return Future.succeededFuture();
      }
      long now = clock.getAsLong();
      Sighting before = sightings.get(sightingKey);
      if (before == null || before.remaining() != remaining || before.held() != held) {
        sightings.put(sightingKey, new Sighting(remaining, held, now));
        return Future.succeededFuture();
      }
      if (now - before.since() < settleMs) {
        return Future.succeededFuture();
      }
      sightings.remove(sightingKey);
      return REPAIR.run(redis, List.of(itemKey, keys.dropKey(dropId, "inflight")), remaining, expected).map(set -> {
        if (set.toInteger() != 1) {
          return null;
        }
        LOG.warn("repaired drift on drop {} item {}: counter said {}, Postgres says {}", dropId, productId,
            remaining, expected);
        return new InventoryChanged(dropId, productId, stock, (int) expected, "repaired");
      });
    });
  }
}
