package io.stampede.gateway.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.stampede.platform.config.Bucket;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Takes tokens from buckets kept in Redis, one atomic script call per bucket, so every gateway
 * member spends the same budget. The script is called by its SHA and loaded on first use.
 */
public final class TokenBuckets {

  private static final String SCRIPT = load("/lua/token_bucket.lua");
  private static final String SHA = sha1(SCRIPT);

  private final Redis redis;

  public TokenBuckets(Redis redis) {
    this.redis = redis;
  }

  public Future<Decision> take(String key, Bucket bucket) {
    return redis.send(call(Command.EVALSHA, SHA, key, bucket))
        .recover(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")
            ? redis.send(call(Command.EVAL, SCRIPT, key, bucket)) : Future.failedFuture(e))
        .map(r -> decision(r, bucket));
  }

  private static Request call(Command command, String scriptOrSha, String key, Bucket bucket) {
    return Request.cmd(command).arg(scriptOrSha).arg(1).arg(key).arg(bucket.burst()).arg(bucket.perSecond()).arg(1);
  }

  private static Decision decision(Response r, Bucket bucket) {
    return new Decision(r.get(0).toInteger() == 1, bucket.burst(), r.get(1).toInteger(), r.get(2).toLong(), r.get(3).toLong());
  }

  /** The outcome of taking one token. */
  public record Decision(boolean allowed, int limit, int remaining, long retryAfterMs, long resetMs) {
  }

  private static String load(String resource) {
    try (InputStream in = TokenBuckets.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
