package io.stampede.gateway.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.stampede.contracts.bus.Addresses;
import io.stampede.platform.infra.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * This gateway's set of revoked access-token ids. Filled from Redis at start, then kept current by
 * the revocations the auth service publishes, so checking a request costs a map lookup. Entries
 * leave once their token would have expired anyway.
 */
public final class RevokedTokens {

  private static final long PURGE_INTERVAL_MS = 60_000;

  private final Map<String, Long> expiryByJti = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final Redis redis;
  private final RedisKeys keys;

  public RevokedTokens(Vertx vertx, Redis redis, RedisKeys keys) {
    this.vertx = vertx;
    this.redis = redis;
    this.keys = keys;
  }

  public Future<Void> start() {
    vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_TOKEN_REVOKED,
        msg -> add(msg.body().getString("jti"), msg.body().getLong("exp", 0L)));
    vertx.setPeriodic(PURGE_INTERVAL_MS, id -> purgeExpired());
    return loadFromRedis();
  }

  public void add(String jti, long expiresAtEpochSeconds) {
    expiryByJti.put(jti, expiresAtEpochSeconds);
  }

  public boolean isRevoked(String jti) {
    return jti != null && expiryByJti.containsKey(jti);
  }

  private Future<Void> loadFromRedis() {
    long now = System.currentTimeMillis() / 1000;
    return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(keys.key(RedisKeys.REVOKED_TOKENS)).arg(now).arg("+inf")
            .arg("WITHSCORES"))
        .map(page -> {
          // RESP3 answers [member, score] pairs; RESP2 one flat list.
          boolean pairs = page.size() > 0 && page.get(0).type() == ResponseType.MULTI;
          for (int i = 0; i < page.size(); i += pairs ? 1 : 2) {
            Response jti = pairs ? page.get(i).get(0) : page.get(i);
            Response exp = pairs ? page.get(i).get(1) : page.get(i + 1);
            expiryByJti.putIfAbsent(jti.toString(), (long) Double.parseDouble(exp.toString()));
          }
          return null;
        });
  }

  private void purgeExpired() {
    long now = System.currentTimeMillis() / 1000;
    expiryByJti.values().removeIf(exp -> exp < now);
  }
}
