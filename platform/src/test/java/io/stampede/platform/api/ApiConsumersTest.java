package io.stampede.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.bus.RequestDeadline;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request is served while its sender waits for it, and skipped once the sender has given up. */
class ApiConsumersTest {

  private static final String ADDRESS = "test.thing.get";

  private Vertx vertx;
  private final AtomicInteger started = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    ApiConsumers.register(vertx, ADDRESS, request -> {
      started.incrementAndGet();
      return Future.succeededFuture(ApiReply.ok(new JsonObject().put("served", true)));
    }).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aRequestItsSenderStillWaitsForIsServed() throws Exception {
    JsonObject reply = send(RequestDeadline.options(2000, System.currentTimeMillis()));

    assertThat(ApiReply.fromJson(reply).status()).isEqualTo(200);
    assertThat(started).hasValue(1);
  }

  @Test
  void aRequestWithoutADeadlineIsServed() throws Exception {
    send(new DeliveryOptions().setSendTimeout(2000));

    assertThat(started).hasValue(1);
  }

  @Test
  void aRequestWhoseSenderGaveUpIsNotStarted() {
    // As if it had waited in the queue for 10 s behind a burst: its 5 s deadline is long past.
    DeliveryOptions stale = RequestDeadline.options(5000, System.currentTimeMillis() - 10_000).setSendTimeout(300);

    Throwable failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> send(stale));

    assertThat(failure.getCause()).isInstanceOfSatisfying(ReplyException.class,
        e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.TIMEOUT));
    assertThat(started).hasValue(0);
  }

  private JsonObject send(DeliveryOptions options) throws Exception {
    ApiRequest request = new ApiRequest(null, new JsonObject(), new JsonObject(), new JsonObject(), new JsonObject(),
        "request-1", "127.0.0.1");
    return vertx.eventBus().<JsonObject>request(ADDRESS, request.toJson(), options)
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).body();
  }
}
