package io.stampede.platform.infra;

/**
 * Builds Redis keys under the configured prefix. Keys of one drop share the hash tag
 * {@code {drop:<id>}}, so every script touching a drop runs on one slot of a Redis Cluster.
 */
public final class RedisKeys {

  /**
   * A sorted set of revoked access-token ids scored by their expiry (epoch seconds). One key, so a
   * gateway loads it with one command on a single Redis and on a Redis Cluster alike.
   */
  public static final String REVOKED_TOKENS = "revoked-tokens";

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
