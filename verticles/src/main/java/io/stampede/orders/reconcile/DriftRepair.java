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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares each item's hot counter with Postgres (stock − units of durable, uncancelled orders)
 * and repairs a difference that held still for the settle window.
 *
 * <p>A difference is normal for a moment: an order reserved in Redis is not in Postgres until it
 * went through Kafka and the persister, and a cancellation lands in Postgres before its units go
 * back on the counter. So a difference counts as drift only when the persister has nothing left to
 * write and neither the counter nor Postgres moved for longer than any order can be in flight (the
 * Kafka delivery timeout and then some). The repair is a compare-and-set on the observed value, so
 * an order that arrives at that instant wins and the next round looks again.
 *
 * <p>The counter is read first, and Postgres is asked for the units held only when the counter
 * stood still since the last round: a moving counter cannot be drift yet, and that sum over the
 * item's orders is the expensive half (during a big drop it scanned every order of the drop each
 * round, on the cores that answer the buyers). So a difference is settled one round later than if
 * both were read every round, never sooner.
 */
final class DriftRepair {

  private static final Logger LOG = LoggerFactory.getLogger(DriftRepair.class);
  private static final RedisScript REPAIR = RedisScript.fromResource(DriftRepair.class, "/lua/repair.lua");
  /** The units held are not known yet for this sighting: the counter had just moved. */
  private static final long NOT_ASKED = -1;

  /** One look at an item: what the counter said and what Postgres said ({@link #NOT_ASKED}), and since when. */
  private record Sighting(long remaining, long held, long since) {
  }

  private final ItemLedger ledger;
  private final Redis redis;
  private final RedisKeys keys;
  private final long settleMs;
  private final LongSupplier clock;
  private final Map<String, Sighting> sightings = new HashMap<>();

  DriftRepair(ItemLedger ledger, Redis redis, RedisKeys keys, long settleMs, LongSupplier clock) {
    this.ledger = ledger;
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
    return ledger.stocks(dropId).compose(stocks -> {
      List<Future<InventoryChanged>> checks = new ArrayList<>();
      stocks.forEach((productId, stock) -> checks.add(checkItem(dropId, productId, stock)));
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

  private Future<InventoryChanged> checkItem(String dropId, String productId, int stock) {
    String itemKey = keys.dropKey(dropId, "item", productId);
    String sightingKey = dropId + "/" + productId;
    return redis.send(Request.cmd(Command.HGET).arg(itemKey).arg("remaining")).compose(value -> {
      if (value == null) {
        sightings.remove(sightingKey);
        return Future.succeededFuture();
      }
      long remaining = value.toLong();
      Sighting before = sightings.get(sightingKey);
      if (before == null || before.remaining() != remaining) {
        sightings.put(sightingKey, new Sighting(remaining, NOT_ASKED, clock.getAsLong()));
        return Future.succeededFuture();
      }
      return ledger.held(dropId, productId).compose(held -> settle(dropId, productId, itemKey, stock, remaining, held,
          before));
    });
  }

  /** The counter stood still since {@code before}; now with what Postgres says. */
  private Future<InventoryChanged> settle(String dropId, String productId, String itemKey, int stock, long remaining,
                                          long held, Sighting before) {
    String sightingKey = dropId + "/" + productId;
    long expected = Math.max(0, stock - held);
    if (remaining == expected) {
      sightings.remove(sightingKey);
      return Future.succeededFuture();
    }
    long now = clock.getAsLong();
    if (before.held() != held) {
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
  }
}
