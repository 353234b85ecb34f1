package io.stampede.gateway.realtime;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;

/** The {@code ws.*} settings: how sockets are bounded, pinged and timed out. */
public record RealtimeSettings(int queueLimit, long stallLimitMs, long heartbeatMs, long idleTimeoutMs, int maxTopics) {

  public static RealtimeSettings from(StampedeConfig config) {
    return new RealtimeSettings(config.get(ConfigKeys.WS_QUEUE_LIMIT), config.get(ConfigKeys.WS_STALL_LIMIT_MS),
        config.get(ConfigKeys.WS_HEARTBEAT_MS), config.get(ConfigKeys.WS_IDLE_TIMEOUT_MS),
        config.get(ConfigKeys.WS_MAX_TOPICS));
  }
}
