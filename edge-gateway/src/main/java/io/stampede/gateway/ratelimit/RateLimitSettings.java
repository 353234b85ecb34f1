package io.stampede.gateway.ratelimit;

import java.util.EnumMap;
import java.util.Map;

import io.stampede.gateway.routing.ServiceRoute.RateClass;
import io.stampede.platform.config.Bucket;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;

/** The buckets of every route class, per client IP and per user, and the per-username login bucket. */
public record RateLimitSettings(boolean enabled, Map<RateClass, Bucket> perIp, Map<RateClass, Bucket> perUser,
                                Bucket loginPerUsername) {

  public static RateLimitSettings from(StampedeConfig c) {
    Map<RateClass, Bucket> ip = new EnumMap<>(RateClass.class);
    Map<RateClass, Bucket> user = new EnumMap<>(RateClass.class);
    ip.put(RateClass.AUTH, c.get(ConfigKeys.RATELIMIT_AUTH_IP));
    user.put(RateClass.AUTH, c.get(ConfigKeys.RATELIMIT_AUTH_USER));
    ip.put(RateClass.ORDERS, c.get(ConfigKeys.RATELIMIT_ORDERS_IP));
    user.put(RateClass.ORDERS, c.get(ConfigKeys.RATELIMIT_ORDERS_USER));
    ip.put(RateClass.READS, c.get(ConfigKeys.RATELIMIT_READS_IP));
    user.put(RateClass.READS, c.get(ConfigKeys.RATELIMIT_READS_USER));
    ip.put(RateClass.WRITES, c.get(ConfigKeys.RATELIMIT_WRITES_IP));
    user.put(RateClass.WRITES, c.get(ConfigKeys.RATELIMIT_WRITES_USER));
    return new RateLimitSettings(c.get(ConfigKeys.RATELIMIT_ENABLED), ip, user, c.get(ConfigKeys.RATELIMIT_LOGIN_USERNAME));
  }
}
