package io.stampede.platform.infra;

import java.time.Duration;
import java.util.List;

import io.stampede.platform.config.ConfigException;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.HostPort;
import io.stampede.platform.config.StampedeConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.Request;

/**
 * Opens the member's Redis client — one server ({@code redis.mode=standalone}) or a Redis Cluster
 * reached through its seed nodes ({@code redis.mode=cluster}; the client follows MOVED/ASK and
 * learns the new master after a failover) — and checks it answers. A standalone server is reached
 * through one pipelined connection per event loop ({@link PipelinedRedis}); a cluster's client answers
 * every request within {@link #CLUSTER_REQUEST_DEADLINE} and is replaced when it stops answering
 * ({@link RecoveringRedis}).
 */
public final class RedisSetup {

  /** Far beyond any command of Stampede's (the largest is a rebuild's 500-key script), short enough to heal soon. */
  static final Duration CLUSTER_REQUEST_DEADLINE = Duration.ofSeconds(5);

  private RedisSetup() {
  }

  public static Redis client(Vertx vertx, StampedeConfig config) {
    RedisOptions options = new RedisOptions()
        .setMaxPoolSize(config.get(ConfigKeys.REDIS_POOL_SIZE))
        .setMaxPoolWaiting(100_000)
        .setMaxWaitingHandlers(100_000);
    if (isCluster(config)) {
      List<HostPort> seeds = config.get(ConfigKeys.REDIS_CLUSTER_NODES);
      if (seeds.isEmpty()) {
        throw new ConfigException("redis.mode=cluster needs at least one seed in redis.cluster-nodes");
      }
      options.setType(RedisClientType.CLUSTER).setUseReplicas(RedisReplicas.NEVER);
      seeds.forEach(seed -> options.addConnectionString("redis://" + seed));
      return new RecoveringRedis(() -> Redis.createClient(vertx, options), CLUSTER_REQUEST_DEADLINE);
    }
    options.setConnectionString(config.get(ConfigKeys.REDIS_URL));
    return new PipelinedRedis(Redis.createClient(vertx, options));
  }

  public static boolean isCluster(StampedeConfig config) {
    return "cluster".equals(config.get(ConfigKeys.REDIS_MODE));
  }

  public static Future<Void> ping(Redis redis) {
    return redis.send(Request.cmd(Command.PING)).mapEmpty();
  }

  /** Pings once at start, turning a refusal into the one line the launcher prints. */
  public static Future<Void> verify(Redis redis, StampedeConfig config) {
    String where = isCluster(config) ? "Redis Cluster at " + config.get(ConfigKeys.REDIS_CLUSTER_NODES)
        : "Redis at " + config.get(ConfigKeys.REDIS_URL);
    return ping(redis).recover(e -> Future.failedFuture(new InfrastructureException(
        where + " is not reachable (" + e.getMessage()
            + "); start it or set redis.url / redis.cluster-nodes (STAMPEDE_REDIS_URL, STAMPEDE_REDIS_CLUSTER_NODES)", e)));
  }
}
