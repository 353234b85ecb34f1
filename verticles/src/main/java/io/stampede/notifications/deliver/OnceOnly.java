package io.stampede.notifications.deliver;

import java.time.Duration;
import java.util.List;

import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;

/**
 * Cluster-wide memory of what was delivered, so a notice reaching the service twice (gRPC and
 * Kafka, or a Kafka redelivery) is delivered once, and a late copy of an earlier state (PENDING
 * after CONFIRMED) is not delivered at all.
 */
public final class OnceOnly {

  private static final RedisScript NOTICE = RedisScript.fromResource(OnceOnly.class, "/lua/notice.lua");
  private static final Duration MEMORY = Duration.ofDays(2);

  private final Redis redis;
  private final RedisKeys keys;

  public OnceOnly(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** True exactly once per (kind, subject) and rank, and never for a rank below one already delivered. */
  public Future<Boolean> first(String kind, String subject, long rank) {
    return NOTICE.run(redis, List.of(keys.key("notice", kind, subject)), rank, MEMORY.toMillis())
        .map(r -> r.toInteger() == 1);
  }
}
