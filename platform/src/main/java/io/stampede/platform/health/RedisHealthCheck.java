package io.stampede.platform.health;

import io.stampede.platform.infra.RedisSetup;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;

/** Redis answers PING. */
public record RedisHealthCheck(Redis redis) implements HealthCheck {

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public Future<Void> check() {
    return RedisSetup.ping(redis);
  }
}
