package io.stampede.orders.rehearsal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.api.Caller;
import io.stampede.contracts.events.Topics;
import io.stampede.orders.api.OrderPlacement;
import io.stampede.orders.store.OrderStore;
import io.stampede.platform.infra.NonBlockingProducer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

/**
 * One event loop's share of a rehearsal: keeps {@link #IN_FLIGHT} orders on the sandbox drop going
 * through the real {@link OrderPlacement} (Redis scripts, a Kafka producer of its own, the answer)
 * until the deadline, then completes its start. Every record goes to {@link Topics#ORDER_REHEARSALS}
 * instead of {@code order_events}; every order's copy is removed as soon as it is written.
 */
final class RehearsalVerticle extends VerticleBase {

  private static final int IN_FLIGHT = 32;

  private final SandboxDrop drop;
  private final OrderStore orders;
  private final String kafkaBootstrap;
  private final long deadlineNanos;
  private final RehearsalTally tally;
  /** Numbers the rehearsal's orders across its verticles: each one's idempotency key and fan. */
  private final AtomicLong sequence;
  private NonBlockingProducer producer;
  private OrderPlacement placement;

  RehearsalVerticle(SandboxDrop drop, OrderStore orders, String kafkaBootstrap, long deadlineNanos,
                    RehearsalTally tally, AtomicLong sequence) {
    this.drop = drop;
    this.orders = orders;
    this.kafkaBootstrap = kafkaBootstrap;
    this.deadlineNanos = deadlineNanos;
    this.tally = tally;
    this.sequence = sequence;
  }

  @Override
  public Future<?> start() {
    producer = NonBlockingProducer.create(vertx, kafkaBootstrap, "orders-rehearsal-" + deploymentID());
    placement = new OrderPlacement(vertx, drop.catalog(), drop.reservations(), orders, drop.copies(),
        this::toRehearsalTopic, new SimpleMeterRegistry());
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < IN_FLIGHT; i++) {
      Promise<Void> lane = Promise.promise();
      next(lane);
      lanes.add(lane.future());
    }
    return Future.join(lanes);
  }

  @Override
  public Future<?> stop() {
    return producer.close();
  }

  private void next(Promise<Void> lane) {
    if (System.nanoTime() - deadlineNanos >= 0) {
      lane.complete();
      return;
    }
    // A failure ends the lane: a rehearsal warms a working path, it does not press a broken one.
    placeOne().onComplete(done -> {
      if (done.succeeded()) {
        next(lane);
      } else {
        lane.complete();
      }
    });
  }

  private Future<Void> placeOne() {
    long n = sequence.incrementAndGet();
    ApiRequest request = new ApiRequest(new Caller(drop.fan(n), "fan", "rehearsal", Long.MAX_VALUE), null, null,
        new JsonObject().put("idempotency-key", "rehearsal-" + n),
        new JsonObject().put("dropId", drop.dropId()).put("productId", drop.productId()).put("quantity", 1),
        null, null);
    return placement.place(request)
        .compose(this::forgetCopy)
        .onSuccess(v -> tally.placed())
        .onFailure(tally::failed);
  }

  private Future<Void> forgetCopy(ApiReply reply) {
    return drop.copies().forget(((JsonObject) reply.body()).getString("id"));
  }

  private Future<Void> toRehearsalTopic(KafkaProducerRecord<String, Buffer> order) {
    var record = KafkaProducerRecord.create(Topics.ORDER_REHEARSALS, order.key(), order.value());
    record.addHeaders(order.headers());
    return producer.send(record);
  }
}
