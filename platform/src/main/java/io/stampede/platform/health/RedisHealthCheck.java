package io.stampede.platform.health;

import io.stampede.platform.infra.RedisSetup;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;

/** Redis answers PING. */
public class RedisHealthCheck implements HealthCheck {

  private final Redis redis;

  public RedisHealthCheck(Redis redis) {
    this.redis = redis;
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public Future<Void> check() {
    return RedisSetup.ping(redis);
  }
}
