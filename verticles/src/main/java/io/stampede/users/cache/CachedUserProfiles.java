package io.stampede.users.cache;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.stampede.platform.infra.RedisKeys;
import io.stampede.users.events.OutboxRelayVerticle;
import io.stampede.users.store.UserProfiles;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profiles with their follower and following counts, cached in Redis ({@code {user:<id>}:profile},
 * with a TTL) in front of Postgres, the source of truth. A write drops the cache entries of every
 * user it touched right after it commits, so the next read sees it; the Kafka copy of the change
 * drops them again ({@link CacheInvalidatorVerticle}), which also covers a read that raced the
 * write. Each user has a generation counter in the same slot; a write bumps it, and a cached profile
 * counts only if it was read at the current generation, so a read that raced a write can never put
 * the old value back for good. Redis being empty (flushed) or down only makes reads slower.
 */
public final class CachedUserProfiles implements UserProfiles {

  private static final Logger LOG = LoggerFactory.getLogger(CachedUserProfiles.class);

  private final UserProfiles store;
  private final Redis redis;
  private final RedisKeys keys;
  private final Duration ttl;
  private final EventBus bus;

  public CachedUserProfiles(UserProfiles store, Redis redis, RedisKeys keys, Duration ttl, EventBus bus) {
    this.store = store;
    this.redis = redis;
    this.keys = keys;
    this.ttl = ttl;
    this.bus = bus;
  }

  @Override
  public Future<Optional<JsonObject>> user(String userId) {
    String key = profileKey(keys, userId);
    return redis.send(Request.cmd(Command.MGET).arg(key).arg(generationKey(keys, userId)))
        .map(found -> {
          long generation = found.get(1) == null ? 0 : found.get(1).toLong();
          JsonObject cached = found.get(0) == null ? null : new JsonObject(found.get(0).toBuffer());
          return cached != null && cached.getLong("generation") == generation ? cached
              : new JsonObject().put("generation", generation);
        })
        .otherwise(e -> {
          LOG.debug("profile cache unavailable: {}", e.getMessage());
          return new JsonObject();
        })
        .compose(cached -> cached.containsKey("user") ? Future.succeededFuture(Optional.of(cached.getJsonObject("user")))
            : store.user(userId).onSuccess(found -> found.ifPresent(u -> remember(key, cached.getLong("generation"), u))));
  }

  @Override
  public Future<Optional<JsonObject>> update(String userId, String displayName, String bio) {
    return changed(store.update(userId, displayName, bio), userId);
  }

  @Override
  public Future<Boolean> follow(String followerId, String followeeId) {
    return changed(store.follow(followerId, followeeId), followerId, followeeId);
  }

  @Override
  public Future<Void> unfollow(String followerId, String followeeId) {
    return changed(store.unfollow(followerId, followeeId), followerId, followeeId);
  }

  @Override
  public Future<List<JsonObject>> followers(String userId, JsonArray position, int limit) {
    return store.followers(userId, position, limit);
  }

  @Override
  public Future<List<JsonObject>> following(String userId, JsonArray position, int limit) {
    return store.following(userId, position, limit);
  }

  /** Drops the cache entries of the users a committed write touched, then answers; wakes the outbox relay. */
  private <T> Future<T> changed(Future<T> write, String... userIds) {
    return write.compose(result -> {
      bus.send(OutboxRelayVerticle.NUDGE, null);
      return forget(redis, keys, ttl, userIds).otherwiseEmpty().map(result);
    });
  }

  /** Caches a profile read at {@code generation}; nothing when the cache was unreachable (no generation). */
  private void remember(String key, Long generation, JsonObject user) {
    if (generation == null) {
      return;
    }
    JsonObject entry = new JsonObject().put("generation", generation).put("user", user);
    redis.send(Request.cmd(Command.SET).arg(key).arg(entry.encode()).arg("PX").arg(ttl.toMillis()))
        .onFailure(e -> LOG.debug("could not cache a profile: {}", e.getMessage()));
  }

  /** Bumps each user's generation (one command per user: each lives in its own slot). */
  static Future<Void> forget(Redis redis, RedisKeys keys, Duration ttl, String... userIds) {
    List<Future<?>> bumps = new java.util.ArrayList<>();
    for (String id : userIds) {
      String generation = generationKey(keys, id);
      bumps.add(redis.send(Request.cmd(Command.INCR).arg(generation))
          .compose(v -> redis.send(Request.cmd(Command.PEXPIRE).arg(generation).arg(ttl.toMillis() * 2))));
    }
    return Future.all(bumps).mapEmpty();
  }

  static String generationKey(RedisKeys keys, String userId) {
    return keys.userKey(userId, "profile-generation");
  }

  static String profileKey(RedisKeys keys, String userId) {
    return keys.userKey(userId, "profile");
  }
}
