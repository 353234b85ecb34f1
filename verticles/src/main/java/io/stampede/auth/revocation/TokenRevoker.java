package io.stampede.auth.revocation;

import io.stampede.contracts.api.Caller;
import io.stampede.contracts.bus.Addresses;
import io.stampede.platform.infra.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Revokes an access token before it expires: the durable copy goes to Redis (a sorted set by expiry,
 * pruned of tokens that expired anyway, read by gateways at start), then every gateway is told on the bus and
 * adds the jti to its local set, so no request pays an RPC to check revocation.
 */
public final class TokenRevoker {

  private final Vertx vertx;
  private final Redis redis;
  private final RedisKeys keys;

  public TokenRevoker(Vertx vertx, Redis redis, RedisKeys keys) {
    this.vertx = vertx;
    this.redis = redis;
    this.keys = keys;
  }

  public Future<Void> revoke(Caller caller) {
    String revoked = keys.key(RedisKeys.REVOKED_TOKENS);
    long now = System.currentTimeMillis() / 1000;
    return redis.send(Request.cmd(Command.ZADD).arg(revoked).arg(caller.expiresAtEpochSeconds()).arg(caller.jti()))
        .compose(added -> redis.send(Request.cmd(Command.ZREMRANGEBYSCORE).arg(revoked).arg("-inf").arg("(" + now)))
        .onSuccess(ok -> vertx.eventBus().publish(Addresses.AUTH_TOKEN_REVOKED,
            new JsonObject().put("jti", caller.jti()).put("exp", caller.expiresAtEpochSeconds())))
        .mapEmpty();
  }
}
