package io.stampede.platform.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A Lua script shipped as a resource, called by its SHA (one round trip, no script text on the
 * wire) and loaded by the first call that finds Redis without it (after a restart or failover).
 */
public final class RedisScript {

  private final String source;
  private final String sha;

  private RedisScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  public static RedisScript fromResource(Class<?> owner, String resource) {
    return new RedisScript(read(owner, resource));
  }

  /**
   * A script that starts with the shared {@code /lua/epoch.lua} prelude ({@code master_epoch()},
   * {@code state_is_current(key)}): for scripts that must notice a Redis that lost writes.
   */
  public static RedisScript withEpochPrelude(Class<?> owner, String resource) {
    return new RedisScript(read(RedisScript.class, "/lua/epoch.lua") + "\n" + read(owner, resource));
  }

  private static String read(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing script " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Future<Response> run(Redis redis, List<String> keys, Object... args) {
    return redis.send(request(Command.EVALSHA, sha, keys, args))
        .recover(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")
            ? redis.send(request(Command.EVAL, source, keys, args)) : Future.failedFuture(e));
  }

  private static Request request(Command command, String scriptOrSha, List<String> keys, Object[] args) {
    Request request = Request.cmd(command).arg(scriptOrSha).arg(keys.size());
    keys.forEach(request::arg);
    for (Object arg : args) {
      request.arg(String.valueOf(arg));
    }
    return request;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
