package io.stampede.gateway.ratelimit;

import java.util.List;

import io.stampede.platform.config.Bucket;
import io.stampede.platform.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;

/**
 * Takes tokens from buckets kept in Redis, one atomic script call per bucket, so every gateway
 * member spends the same budget.
 */
public final class TokenBuckets {

  private static final RedisScript TAKE = RedisScript.fromResource(TokenBuckets.class, "/lua/token_bucket.lua");

  private final Redis redis;

  public TokenBuckets(Redis redis) {
    this.redis = redis;
  }

  public Future<Decision> take(String key, Bucket bucket) {
    return TAKE.run(redis, List.of(key), bucket.burst(), bucket.perSecond(), 1).map(r -> decision(r, bucket));
  }

  private static Decision decision(Response r, Bucket bucket) {
    return new Decision(r.get(0).toInteger() == 1, bucket.burst(), r.get(1).toInteger(), r.get(2).toLong(), r.get(3).toLong());
  }

  /** The outcome of taking one token. */
  public record Decision(boolean allowed, int limit, int remaining, long retryAfterMs, long resetMs) {
  }
}
