package io.stampede.platform.infra;

/**
 * Builds Redis keys under the configured prefix. Keys of one drop share the hash tag
 * {@code {drop:<id>}}, so every script touching a drop runs on one slot of a Redis Cluster.
 */
public final class RedisKeys {

  /** {@code revoked:<jti>} holds the expiry of a revoked access token until it would expire anyway. */
  public static final String REVOKED_TOKENS = "revoked";

  private final String prefix;

  public RedisKeys(String prefix) {
    this.prefix = prefix;
  }

  public String key(String... parts) {
    return prefix + String.join(":", parts);
  }

  /** A key of one user's, in that user's slot ({@code {user:<id>}}), for what spans drops. */
  public String userKey(String userId, String... parts) {
    return prefix + "{user:" + userId + "}" + (parts.length == 0 ? "" : ":" + String.join(":", parts));
  }

  public String dropKey(String dropId, String... parts) {
    return prefix + "{drop:" + dropId + "}" + (parts.length == 0 ? "" : ":" + String.join(":", parts));
  }
}
