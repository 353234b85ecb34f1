package io.stampede.platform.service;

import io.stampede.platform.config.StampedeConfig;
import io.stampede.platform.grpc.InternalGrpc;
import io.stampede.platform.health.HealthChecks;
import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.metrics.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.redis.client.Redis;

/**
 * What the launcher hands each service when it starts it: the member's Vert.x, configuration and
 * shared connections. Services open their own Postgres pool (one per service) from the config.
 *
 * @param kafkaBootstrap the bootstrap servers of the embedded or external broker
 */
public record ServiceContext(Vertx vertx, StampedeConfig config, ClusterManager cluster, Redis redis,
                             RedisKeys redisKeys, String kafkaBootstrap, InternalGrpc grpc, Metrics metrics,
                             HealthChecks health) {
}
