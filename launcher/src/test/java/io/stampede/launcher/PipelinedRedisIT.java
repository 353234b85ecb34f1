package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import io.stampede.platform.infra.PipelinedRedis;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.stampede.testing.processes.RedisServerProcess;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PipelinedRedis} against a Redis server of the test's own: every command sent from one
 * event loop travels on that loop's one connection, many of them in flight at once and those of one
 * task in a few writes, and a connection Redis dropped is replaced by the loop's next command.
 */
class PipelinedRedisIT {

  private static RedisServerProcess server;
  private static Vertx vertx;
  private static Redis redis;

  @BeforeAll
  static void start() {
    server = RedisServerProcess.start();
    vertx = Vertx.vertx();
    redis = new PipelinedRedis(Redis.createClient(vertx, new RedisOptions().setConnectionString(server.url())
        .setMaxPoolSize(8).setMaxPoolWaiting(10_000).setMaxWaitingHandlers(10_000)));
  }

  @AfterAll
  static void stop() {
    Await.result(redis.close());
    Await.result(vertx.close());
    server.close();
  }

  @Test
  void commandsOfOneEventLoopSharePipelinedConnection() {
    Context loop = vertx.getOrCreateContext();
    // 2,000 INCRs at once: more than the pool's 8 connections could carry one round trip at a time.
    List<Response> ids = onLoop(loop, () -> {
      List<Future<Response>> sent = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        sent.add(redis.send(Request.cmd(Command.INCR).arg("pipelined:count")));
        sent.add(redis.send(Request.cmd(Command.CLIENT).arg("ID")));
      }
      return Future.all(sent).map(all -> {
        List<Response> clientIds = new ArrayList<>();
        for (int i = 1; i < sent.size(); i += 2) {
          clientIds.add(all.resultAt(i));
        }
        return clientIds;
      });
    });

    assertThat(distinct(ids)).hasSize(1);
    assertThat(server.cli("GET", "pipelined:count").trim()).isEqualTo("2000");
  }

  @Test
  void commandsSentInOneTaskReachRedisInAFewReads() {
    Context loop = vertx.getOrCreateContext();
    clientId(loop); // the loop's connection is open
    long readsBefore = readsProcessed();

    // 500 commands in one event-loop task: flushed one by one, Redis would wake up to read them
    // hundreds of times; with the flushes merged they arrive together.
    onLoop(loop, () -> {
      List<Future<Response>> sent = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        sent.add(redis.send(Request.cmd(Command.INCR).arg("pipelined:coalesced")));
      }
      return Future.all(sent);
    });

    // The two INFO calls of this test are reads too.
    assertThat(readsProcessed() - readsBefore).isLessThanOrEqualTo(20);
    assertThat(server.cli("GET", "pipelined:coalesced").trim()).isEqualTo("500");
  }

  private static long readsProcessed() {
    return server.cli("INFO", "stats").lines().filter(l -> l.startsWith("total_reads_processed:"))
        .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElseThrow();
  }

  @Test
  void eachEventLoopHasAConnectionOfItsOwn() {
    List<Context> loops = eventLoops(2);
    Context first = loops.get(0);
    Context second = loops.get(1);
    long firstId = clientId(first);

    assertThat(clientId(first)).isEqualTo(firstId);
    assertThat(clientId(second)).isNotEqualTo(firstId);
  }

  /** Contexts on {@code count} different event loops: those of verticle instances, which take the loops in turn. */
  private static List<Context> eventLoops(int count) {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    Await.result(vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() throws Exception {
        contexts.add(context);
        return super.start();
      }
    }, new DeploymentOptions().setInstances(count)));
    return contexts;
  }

  @Test
  void aDroppedConnectionIsReplacedByTheNextCommand() {
    Context loop = vertx.getOrCreateContext();
    long before = clientId(loop);

    server.cli("CLIENT", "KILL", "ID", String.valueOf(before));

    // A command sent before the loop has seen the close fails on the dead connection (-1 here), as
    // one in flight on a pooled connection would; the next ones must reach Redis on a new connection.
    Poll.until("a new connection answers", Duration.ofSeconds(10), () -> {
      long now = onLoop(loop, () -> redis.send(Request.cmd(Command.CLIENT).arg("ID")).map(Response::toLong).otherwise(-1L));
      return now != -1L && now != before;
    });
    assertThat(onLoop(loop, () -> redis.send(Request.cmd(Command.PING))).toString()).isEqualTo("PONG");
  }

  @Test
  void aBlockingCommandDoesNotHoldUpTheLoopsConnection() {
    Context loop = vertx.getOrCreateContext();
    Future<Response> waiting = onLoop(loop, () -> Future.succeededFuture(
        redis.send(Request.cmd(Command.BLPOP).arg("pipelined:queue").arg(0))));

    assertThat(onLoop(loop, () -> redis.send(Request.cmd(Command.PING))).toString()).isEqualTo("PONG");
    server.cli("RPUSH", "pipelined:queue", "item");
    assertThat(Await.result(waiting).get(1).toString()).isEqualTo("item");
  }

  @Test
  void aTransactionIsRefusedAsOnThePooledClient() {
    Context loop = vertx.getOrCreateContext();
    Future<Response> multi = onLoop(loop, () -> Future.succeededFuture(redis.send(Request.cmd(Command.MULTI))));

    assertThat(Await.failure(multi)).hasMessageContaining("Transactional command");
  }

  @Test
  void commandsFromOutsideAnEventLoopAreAnswered() {
    assertThat(Await.result(redis.send(Request.cmd(Command.PING))).toString()).isEqualTo("PONG");
  }

  private static long clientId(Context loop) {
    return onLoop(loop, () -> redis.send(Request.cmd(Command.CLIENT).arg("ID"))).toLong();
  }

  private static Set<Long> distinct(List<Response> ids) {
    Set<Long> set = new HashSet<>();
    ids.forEach(id -> set.add(id.toLong()));
    return set;
  }

  private static <T> T onLoop(Context loop, Callable<Future<T>> work) {
    Promise<T> done = Promise.promise();
    loop.runOnContext(v -> {
      try {
        work.call().onComplete(done);
      } catch (Exception e) {
        done.fail(e);
      }
    });
    return Await.result(done.future());
  }
}
