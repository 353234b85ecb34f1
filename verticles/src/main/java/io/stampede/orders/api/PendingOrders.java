package io.stampede.orders.api;

import java.util.Optional;

import io.stampede.platform.infra.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/** Orders answered 201 but not yet in Postgres, kept for an hour so their buyer can read them. */
final class PendingOrders {

  private static final int TTL_SECONDS = 3600;

  private final Redis redis;
  private final RedisKeys keys;

  PendingOrders(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  Future<Void> remember(JsonObject order) {
    return redis.send(Request.cmd(Command.SET).arg(key(order.getString("id"))).arg(order.encode()).arg("EX").arg(TTL_SECONDS))
        .mapEmpty();
  }

  Future<Optional<JsonObject>> find(String orderId) {
    return redis.send(Request.cmd(Command.GET).arg(key(orderId)))
        .map(r -> r == null ? Optional.<JsonObject>empty() : Optional.of(new JsonObject(r.toString())));
  }

  private String key(String orderId) {
    return keys.key("order", orderId);
  }
}
