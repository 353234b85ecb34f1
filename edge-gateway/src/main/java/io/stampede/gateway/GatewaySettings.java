package io.stampede.gateway;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;

/** The slice of configuration the gateway reads. */
public record GatewaySettings(String host, int port, int instances, int h2MaxStreams, int drainSeconds, long requestTimeoutMs,
                              long breakerResetMs, boolean tlsEnabled, int tlsPort, String tlsCertFile, String tlsKeyFile,
                              String tlsEngine) {

  public static GatewaySettings from(StampedeConfig config) {
    return new GatewaySettings(
        config.get(ConfigKeys.HTTP_HOST),
        config.get(ConfigKeys.HTTP_PORT),
        config.instances(ConfigKeys.HTTP_INSTANCES),
        config.get(ConfigKeys.HTTP_H2_MAX_STREAMS),
        config.get(ConfigKeys.HTTP_DRAIN_SECONDS),
        config.get(ConfigKeys.HTTP_REQUEST_TIMEOUT_MS),
        config.get(ConfigKeys.HTTP_BREAKER_RESET_MS),
        config.get(ConfigKeys.HTTP_TLS_ENABLED),
        config.get(ConfigKeys.HTTP_TLS_PORT),
        config.get(ConfigKeys.HTTP_TLS_CERT_FILE),
        config.get(ConfigKeys.HTTP_TLS_KEY_FILE),
        config.get(ConfigKeys.HTTP_TLS_ENGINE));
  }
}
