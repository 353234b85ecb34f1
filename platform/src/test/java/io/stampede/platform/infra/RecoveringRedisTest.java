package io.stampede.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.SimpleStringType;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RecoveringRedisTest {

  /** A client that never answers (stuck) or answers OK at once, and remembers whether it was closed. */
  private static final class FakeRedis implements Redis {
    final boolean stuck;
    final List<Promise<Response>> pending = new ArrayList<>();
    boolean closed;
    int sent;

    FakeRedis(boolean stuck) {
      this.stuck = stuck;
    }

    @Override
    public Future<RedisConnection> connect() {
      return Future.failedFuture("not used");
    }

    @Override
    public Future<Void> close() {
      closed = true;
      // As the cluster client does: what still waits for a connection fails to connect.
      pending.forEach(p -> p.tryFail(new ConnectException("Client is closed")));
      return Future.succeededFuture();
    }

    @Override
    public Future<Response> send(Request command) {
      sent++;
      if (!stuck) {
        return Future.succeededFuture(SimpleStringType.create("OK"));
      }
      Promise<Response> waiting = Promise.promise();
      pending.add(waiting);
      return waiting.future();
    }

    @Override
    public Future<List<Response>> batch(List<Request> commands) {
      return send(commands.get(0)).map(List::of);
    }
  }

  private final List<FakeRedis> made = new ArrayList<>();

  private RecoveringRedis recovering(boolean... stuck) {
    return new RecoveringRedis(() -> {
      FakeRedis next = new FakeRedis(stuck[Math.min(made.size(), stuck.length - 1)]);
      made.add(next);
      return next;
    }, Duration.ofMillis(100));
  }

  @Test
  void anUnansweredRequestFailsAtTheDeadlineAndTheStuckClientIsReplaced(Vertx vertx) throws Exception {
    RecoveringRedis redis = recovering(true, false);

    Throwable failure = redis.send(Request.cmd(Command.EVALSHA)).transform(Future::succeededFuture).toCompletionStage()
        .toCompletableFuture().get(5, TimeUnit.SECONDS).cause();

    assertThat(failure).isInstanceOf(TimeoutException.class).hasMessageContaining("evalsha within 100 ms");
    assertThat(made).as("one new client").hasSize(2);
    assertThat(made.get(0).closed).as("the stuck client was closed").isTrue();
    assertThat(made.get(0).sent).as("the request that timed out was not sent again").isEqualTo(1);
    assertThat(made.get(1).sent).isZero();
    Response answer = redis.send(Request.cmd(Command.PING)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(answer.toString()).isEqualTo("OK");
    assertThat(made.get(1).sent).isEqualTo(1);
  }

  @Test
  void aRequestTheStuckClientNeverPutOnAConnectionIsSentAgainOnTheNewClient(Vertx vertx) throws Exception {
    RecoveringRedis redis = recovering(true, false);
    Future<Response> first = redis.send(Request.cmd(Command.PING));
    // Sent 60 ms later: when the first times out and the client is replaced, this one is still waiting.
    Future<Response> second = vertx.timer(60).compose(t -> redis.send(Request.cmd(Command.PING)));

    assertThat(first.transform(Future::succeededFuture).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)
        .cause()).isInstanceOf(TimeoutException.class);
    assertThat(second.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).toString())
        .as("the second got its answer from the new client").isEqualTo("OK");
    assertThat(made).hasSize(2);
    assertThat(made.get(1).sent).isEqualTo(1);
  }

  @Test
  void answeredRequestsPassThroughAndNothingIsReplaced(Vertx vertx) throws Exception {
    RecoveringRedis redis = recovering(false);

    for (int i = 0; i < 3; i++) {
      assertThat(redis.send(Request.cmd(Command.PING)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)
          .toString()).isEqualTo("OK");
    }
    assertThat(made).hasSize(1);
    assertThat(made.get(0).closed).isFalse();
  }
}
