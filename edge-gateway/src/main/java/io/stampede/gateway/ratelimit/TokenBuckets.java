package io.stampede.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;

import io.stampede.platform.config.Bucket;
import io.stampede.platform.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;

/**
 * Takes tokens from buckets kept in Redis, so every gateway member spends the same budget. A
 * request's buckets are taken in one script call; on a Redis Cluster, where they live in different
 * hash slots, one call per bucket.
 */
public final class TokenBuckets {

  private static final RedisScript TAKE = RedisScript.fromResource(TokenBuckets.class, "/lua/token_bucket.lua");
  private static final int COST = 1;

  private final Redis redis;
  private final boolean oneCallPerBucket;

  /** {@code oneCallPerBucket} on a Redis Cluster (a script's keys must share a slot). */
  public TokenBuckets(Redis redis, boolean oneCallPerBucket) {
    this.redis = redis;
    this.oneCallPerBucket = oneCallPerBucket;
  }

  /** A bucket of a request: where it is kept and its size. */
  public record Take(String key, Bucket bucket) {
  }

  /** One decision per take, in order. */
  public Future<List<Decision>> take(List<Take> takes) {
    if (!oneCallPerBucket || takes.size() == 1) {
      return call(takes);
    }
    List<Future<List<Decision>>> calls = new ArrayList<>();
    takes.forEach(t -> calls.add(call(List.of(t))));
    return Future.all(calls).map(all -> {
      List<Decision> decisions = new ArrayList<>();
      for (int i = 0; i < takes.size(); i++) {
        decisions.addAll(all.<List<Decision>>resultAt(i));
      }
      return decisions;
    });
  }

  private Future<List<Decision>> call(List<Take> takes) {
    List<String> keys = new ArrayList<>(takes.size());
    Object[] args = new Object[1 + 2 * takes.size()];
    args[0] = COST;
    for (int i = 0; i < takes.size(); i++) {
      keys.add(takes.get(i).key());
      args[1 + 2 * i] = takes.get(i).bucket().burst();
      args[2 + 2 * i] = takes.get(i).bucket().perSecond();
    }
    return TAKE.run(redis, keys, args).map(r -> decisions(r, takes));
  }

  private static List<Decision> decisions(Response r, List<Take> takes) {
    List<Decision> decisions = new ArrayList<>(takes.size());
    for (int i = 0; i < takes.size(); i++) {
      int at = 4 * i;
      decisions.add(new Decision(r.get(at).toInteger() == 1, takes.get(i).bucket().burst(), r.get(at + 1).toInteger(),
          r.get(at + 2).toLong(), r.get(at + 3).toLong()));
    }
    return decisions;
  }

  /** The outcome of taking one token. */
  public record Decision(boolean allowed, int limit, int remaining, long retryAfterMs, long resetMs) {
  }
}
