package io.stampede.platform.infra;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A standalone Redis client that gives each event loop one connection of its own and pipelines on
 * it: the commands of all the verticles on that loop go out one after the other, without waiting for
 * each other's replies, without a pool lease per command and without a hop to another thread.
 *
 * <p>The pooled client holds a connection for each command's whole round trip, so with a burst of
 * orders every command paid a lease, a release and usually a wake-up of the event loop that owned
 * the connection it got. A command sent from outside an event loop (a worker, a test's thread), and
 * one that would hold up or change the shared connection (a blocking pop or read, a transaction, a
 * subscription, a database switch), still goes through the pool. The commands a loop sends in one
 * event-loop task leave in one write to the kernel ({@link CoalescedFlushes}).
 *
 * <p>When a loop's connection fails (Redis restarted, the network dropped it), the commands in flight
 * on it fail, as they would on a pooled connection, and the loop's next command opens a new one.
 */
public final class PipelinedRedis implements Redis {

  /** Commands that block their connection or change its state: never on a shared connection. */
  private static final Set<Command> NOT_SHARED = Set.of(
      Command.BLPOP, Command.BRPOP, Command.BLMOVE, Command.BLMPOP, Command.BRPOPLPUSH, Command.BZPOPMIN,
      Command.BZPOPMAX, Command.BZMPOP, Command.XREAD, Command.XREADGROUP, Command.WAIT,
      Command.MULTI, Command.EXEC, Command.DISCARD, Command.WATCH, Command.UNWATCH,
      Command.SUBSCRIBE, Command.PSUBSCRIBE, Command.SSUBSCRIBE, Command.UNSUBSCRIBE, Command.PUNSUBSCRIBE,
      Command.SUNSUBSCRIBE, Command.MONITOR, Command.SELECT);

  private final Redis pool;
  private final Map<Thread, Lane> lanes = new ConcurrentHashMap<>();

  public PipelinedRedis(Redis pool) {
    this.pool = pool;
  }

  @Override
  public Future<RedisConnection> connect() {
    return pool.connect();
  }

  @Override
  public Future<Response> send(Request request) {
    Context context = Vertx.currentContext();
    if (context == null || !context.isEventLoopContext() || NOT_SHARED.contains(request.command())) {
      return pool.send(request);
    }
    return lanes.computeIfAbsent(Thread.currentThread(), thread -> new Lane()).send(request);
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return pool.batch(requests);
  }

  @Override
  public Future<Void> close() {
    lanes.values().forEach(Lane::close);
    lanes.clear();
    return pool.close();
  }

  /** The connection of one event loop; only that loop's thread touches it. */
  private final class Lane {

    private Future<RedisConnection> connection;

    Future<Response> send(Request request) {
      if (connection == null) {
        open();
      }
      Future<RedisConnection> current = connection;
      return current.succeeded() ? current.result().send(request) : current.compose(c -> c.send(request));
    }

    private void open() {
      Future<RedisConnection> opening = pool.connect();
      connection = opening;
      opening.onSuccess(c -> {
        CoalescedFlushes.install(c);
        c.exceptionHandler(e -> forget(opening, c));
        c.endHandler(v -> forget(opening, c));
      }).onFailure(e -> forget(opening, null));
    }

    /** The next command opens a new connection; the broken one goes back to the pool, which evicts it. */
    private void forget(Future<RedisConnection> broken, RedisConnection c) {
      if (connection == broken) {
        connection = null;
      }
      if (c != null) {
        c.close();
      }
    }

    void close() {
      Future<RedisConnection> current = connection;
      connection = null;
      if (current != null) {
        current.onSuccess(RedisConnection::close);
      }
    }
  }
}
