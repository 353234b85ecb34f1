package io.stampede.orders.store;

import java.util.List;
import java.util.Optional;

import io.stampede.platform.infra.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * A copy in Redis of each order placed in the last hour, so that its buyer can read it before
 * Postgres has it and, in the minutes after a drop, without a Postgres query per status poll.
 *
 * <p>The copy is written PENDING when the order is answered 201 and refreshed to CONFIRMED by the
 * persister, only while it still exists. A cancel forgets it, so a confirmation that arrives late
 * cannot bring back a CONFIRMED copy of a cancelled order. A PENDING copy may be stale (the
 * persister had written the row but stopped before refreshing it): readers check Postgres then.
 */
public final class OrderCopies {

  /** How long a copy is kept. */
  public static final int TTL_SECONDS = 3600;

  private final Redis redis;
  private final RedisKeys keys;

  public OrderCopies(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /**
   * The copy of an order just placed (PENDING, already encoded), kept for an hour. On one Redis
   * server the orders service writes it in its completion script instead, at {@link #keyOf}.
   */
  public Future<Void> remember(String orderId, String encodedOrder) {
    return redis.send(Request.cmd(Command.SET).arg(keyOf(orderId)).arg(encodedOrder).arg("EX").arg(TTL_SECONDS))
        .mapEmpty();
  }

  /** Replaces the copies that still exist with these orders (same ids), keeping their expiry. */
  public Future<Void> refresh(List<JsonObject> orders) {
    List<Future<?>> writes = orders.stream().<Future<?>>map(order -> redis.send(Request.cmd(Command.SET)
        .arg(keyOf(order.getString("id"))).arg(order.encode()).arg("XX").arg("KEEPTTL"))).toList();
    return Future.all(writes).mapEmpty();
  }

  /** Drops the copy: readers go to Postgres for this order from now on. */
  public Future<Void> forget(String orderId) {
    return redis.send(Request.cmd(Command.DEL).arg(keyOf(orderId))).mapEmpty();
  }

  public Future<Optional<JsonObject>> find(String orderId) {
    return redis.send(Request.cmd(Command.GET).arg(keyOf(orderId)))
        .map(r -> r == null ? Optional.<JsonObject>empty() : Optional.of(new JsonObject(r.toString())));
  }

  /** Where the copy of this order is kept. */
  public String keyOf(String orderId) {
    return keys.key("order", orderId);
  }
}
