package io.stampede.notifications.deliver;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;

/**
 * Cluster-wide memory of what was delivered, so a notice reaching the service twice (gRPC and
 * Kafka, or a Kafka redelivery) is delivered once, and a late copy of an earlier state (PENDING
 * after CONFIRMED) is not delivered at all.
 *
 * <p>Redis decides. This member also remembers, for its most recent subjects, the highest rank that
 * Redis has told it was delivered (by it or by another member), and refuses a copy at or below that
 * rank without asking: every order's CONFIRMED comes twice, and the second copy is nearly always
 * seen by the member that delivered the first, within moments.
 */
public final class OnceOnly {

  private static final RedisScript NOTICE = RedisScript.fromResource(OnceOnly.class, "/lua/notice.lua");
  private static final Duration MEMORY = Duration.ofDays(2);
  private static final int RECENT_SUBJECTS = 20_000;

  private final Redis redis;
  private final RedisKeys keys;
  private final Map<String, Long> delivered = new LinkedHashMap<>(RECENT_SUBJECTS * 4 / 3, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > RECENT_SUBJECTS;
    }
  };

  public OnceOnly(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** True exactly once per (kind, subject) and rank, and never for a rank below one already delivered. */
  public Future<Boolean> first(String kind, String subject, long rank) {
    String key = keys.key("notice", kind, subject);
    if (knownDelivered(key, rank)) {
      return Future.succeededFuture(false);
    }
    return NOTICE.run(redis, List.of(key), rank, MEMORY.toMillis()).map(r -> {
      remember(key, rank);
      return r.toInteger() == 1;
    });
  }

  private boolean knownDelivered(String key, long rank) {
    synchronized (delivered) {
      Long seen = delivered.get(key);
      return seen != null && seen >= rank;
    }
  }

  /** Either answer of the script means rank {@code rank} (or a later one) is delivered now. */
  private void remember(String key, long rank) {
    synchronized (delivered) {
      delivered.merge(key, rank, Math::max);
    }
  }
}
