package io.stampede.platform.infra;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/** Opens the member's Redis client and checks it answers. */
public final class RedisSetup {

  private RedisSetup() {
  }

  public static Redis client(Vertx vertx, StampedeConfig config) {
    return Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(config.get(ConfigKeys.REDIS_URL))
        .setMaxPoolSize(config.get(ConfigKeys.REDIS_POOL_SIZE))
        .setMaxPoolWaiting(100_000)
        .setMaxWaitingHandlers(100_000));
  }

  public static Future<Void> ping(Redis redis) {
    return redis.send(Request.cmd(Command.PING)).mapEmpty();
  }

  /** Pings once at start, turning a refusal into the one line the launcher prints. */
  public static Future<Void> verify(Redis redis, StampedeConfig config) {
    return ping(redis).recover(e -> Future.failedFuture(new InfrastructureException(
        "Redis at " + config.get(ConfigKeys.REDIS_URL) + " is not reachable (" + e.getMessage()
            + "); start it or set redis.url (STAMPEDE_REDIS_URL)", e)));
  }
}
