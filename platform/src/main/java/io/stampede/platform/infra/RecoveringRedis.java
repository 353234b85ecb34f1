package io.stampede.platform.infra;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis client that answers every request within a deadline and replaces itself when it stops
 * answering. After a Redis Cluster failover the Vert.x 5.0 cluster client was seen to leave every
 * later request unanswered for good (its pools or its slot map stuck on the dead master:
 * RedisFailoverFaultIT, reconciliation rounds timing out for a minute). Here a request still
 * unanswered at the deadline fails, as a reset connection would (a script may or may not have run:
 * callers already treat that case, e.g. the order path's in-flight records and orphan sweep), and
 * the client it went to is swapped for a new one built by the factory (new connections, a fresh
 * slot map); the old one is closed, which fails whatever it still holds (a request it had not yet
 * put on a connection is sent again on the new client). At most one swap per deadline, so a burst
 * of timeouts from one stuck client makes one new client, not many.
 */
public final class RecoveringRedis implements Redis {

  private static final Logger LOG = LoggerFactory.getLogger(RecoveringRedis.class);

  private final Supplier<Redis> factory;
  private final long deadlineMs;
  private final AtomicLong replacedAt = new AtomicLong(Long.MIN_VALUE / 2);
  private volatile Redis current;

  public RecoveringRedis(Supplier<Redis> factory, Duration deadline) {
    this.factory = factory;
    this.deadlineMs = deadline.toMillis();
    this.current = factory.get();
  }

  @Override
  public Future<Response> send(Request request) {
    return call(client -> client.send(request), request.command().toString(), true);
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return call(client -> client.batch(requests), "a batch of " + requests.size(), true);
  }

  /** A connection of the current client, for callers that hold one (it is not guarded). */
  @Override
  public Future<RedisConnection> connect() {
    return current.connect();
  }

  @Override
  public Future<Void> close() {
    return current.close();
  }

  /**
   * Sends on the current client within the deadline. A request that the client never got onto a
   * connection (it failed to connect) because that client was replaced meanwhile is sent once
   * more on the new one: it cannot have run.
   */
  private <T> Future<T> call(Function<Redis, Future<T>> send, String what, boolean again) {
    Redis client = current;
    return send.apply(client).timeout(deadlineMs, TimeUnit.MILLISECONDS).recover(e -> {
      if (e instanceof TimeoutException) {
        replace(client, what);
        return Future.failedFuture(new TimeoutException("Redis did not answer " + what + " within " + deadlineMs + " ms"));
      }
      return again && e instanceof ConnectException && client != current ? call(send, what, false)
          : Future.failedFuture(e);
    });
  }

  private void replace(Redis stuck, String what) {
    long now = System.currentTimeMillis();
    long last = replacedAt.get();
    if (stuck != current || now - last < deadlineMs || !replacedAt.compareAndSet(last, now)) {
      return;
    }
    LOG.warn("Redis left {} unanswered for {} ms; replacing the client with a new one", what, deadlineMs);
    current = factory.get();
    stuck.close();
  }
}
