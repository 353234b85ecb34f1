package io.stampede.notifications.push;

import io.stampede.platform.config.ConfigException;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;

/** The {@code push.*} settings, checked together: enabled push needs credentials or a stand-in. */
public record PushSettings(boolean enabled, String endpoint, String projectId, String credentialsFile) {

  public static PushSettings from(StampedeConfig config) {
    PushSettings s = new PushSettings(config.get(ConfigKeys.PUSH_ENABLED), config.get(ConfigKeys.PUSH_FCM_ENDPOINT).trim(),
        config.get(ConfigKeys.PUSH_PROJECT_ID), config.get(ConfigKeys.PUSH_CREDENTIALS_FILE).trim());
    if (s.enabled && s.endpoint.isEmpty() && s.credentialsFile.isEmpty()) {
      throw new ConfigException("push.enabled needs push.credentials-file (or push.fcm-endpoint for a local stand-in)");
    }
    if (s.enabled && config.production() && s.standIn()) {
      throw new ConfigException("push.fcm-endpoint is for local stand-ins; production sends to FCM itself");
    }
    return s;
  }

  public boolean standIn() {
    return !endpoint.isEmpty();
  }
}
