package io.stampede.auth;

import java.time.Duration;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;

/** The slice of configuration the auth service reads. */
public record AuthSettings(String issuer, String audience, Duration accessTtl, Duration refreshTtl, int passwordIterations,
                           String signingKeyFile, String signingKeyId, boolean production) {

  public static AuthSettings from(StampedeConfig c) {
    return new AuthSettings(c.get(ConfigKeys.AUTH_ISSUER), c.get(ConfigKeys.AUTH_AUDIENCE),
        Duration.ofSeconds(c.get(ConfigKeys.AUTH_ACCESS_TTL_SECONDS)), Duration.ofDays(c.get(ConfigKeys.AUTH_REFRESH_TTL_DAYS)),
        c.get(ConfigKeys.AUTH_PASSWORD_ITERATIONS), c.get(ConfigKeys.AUTH_SIGNING_KEY_FILE),
        c.get(ConfigKeys.AUTH_SIGNING_KEY_ID), c.production());
  }
}
