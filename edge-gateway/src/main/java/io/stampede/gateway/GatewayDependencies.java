package io.stampede.gateway;

import io.stampede.gateway.auth.AccessTokens;
import io.stampede.gateway.auth.RevokedTokens;
import io.stampede.gateway.ratelimit.RateLimitSettings;
import io.stampede.gateway.realtime.RealtimeMetrics;
import io.stampede.gateway.realtime.RealtimeSettings;
import io.stampede.gateway.ratelimit.TokenBuckets;
import io.stampede.gateway.routing.ApiContract;
import io.stampede.gateway.routing.ServiceClient;
import io.stampede.platform.infra.RedisKeys;
import io.stampede.gateway.tls.TlsSetup;
import io.stampede.platform.health.HealthChecks;
import io.stampede.platform.metrics.Metrics;

/** What every gateway verticle instance of a member shares (all thread-safe); {@code tls} is null without TLS. */
public record GatewayDependencies(HealthChecks health, Metrics metrics, AccessTokens accessTokens,
                                  RevokedTokens revokedTokens, ServiceClient services, RateLimitSettings rateLimits,
                                  TokenBuckets buckets, RedisKeys redisKeys, TlsSetup tls,
                                  ApiContract api, RealtimeSettings realtime, RealtimeMetrics realtimeMetrics,
                                  ConnectionLimit connections) {
}
