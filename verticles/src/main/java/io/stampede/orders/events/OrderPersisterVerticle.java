package io.stampede.orders.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.contracts.events.EventCodec;
import io.stampede.contracts.events.EventDecodingException;
import io.stampede.contracts.events.EventEnvelope;
import io.stampede.contracts.events.Events;
import io.stampede.contracts.events.OrderPlaced;
import io.stampede.contracts.events.OrderUpdated;
import io.stampede.contracts.events.Topics;
import io.stampede.orders.notify.BuyerNotifier;
import io.stampede.orders.store.OrderCopies;
import io.stampede.orders.store.OrderStore;
import io.stampede.platform.events.EventRecords;
import io.stampede.platform.infra.KafkaBatchLoop;
import io.stampede.platform.infra.NonBlockingProducer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes placed orders durable: polls {@code order_events} in the {@code orders-persister} group,
 * upserts each batch of {@code order.placed} into Postgres in one statement (CONFIRMED, skipping
 * what is already there), refreshes the buyers' copies in Redis and announces {@code order.updated}
 * for the batch's orders, and only then commits the offsets ({@link KafkaBatchLoop}). A batch that
 * fails is read again from where it started, so a crash, a Postgres outage or a failed announcement
 * delays orders or their notices but never loses or doubles one.
 */
public class OrderPersisterVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(OrderPersisterVerticle.class);
  public static final String GROUP = "orders-persister";

  private final OrderStore orders;
  private final OrderCopies copies;
  private final String bootstrap;
  private final MeterRegistry meters;
  private final BuyerNotifier notifier;
  private KafkaBatchLoop loop;
  private NonBlockingProducer producer;

  public OrderPersisterVerticle(OrderStore orders, OrderCopies copies, String bootstrap, MeterRegistry meters,
                                BuyerNotifier notifier) {
    this.orders = orders;
    this.copies = copies;
    this.bootstrap = bootstrap;
    this.meters = meters;
    this.notifier = notifier;
  }

  @Override
  public Future<?> start() {
    producer = NonBlockingProducer.create(vertx, bootstrap, "orders-persister-" + deploymentID());
    return KafkaBatchLoop.start(vertx, meters, bootstrap, GROUP, Topics.ORDER_EVENTS, "persisting a batch of orders",
            this::persist)
        .onSuccess(started -> loop = started);
  }

  private Future<Void> persist(KafkaConsumerRecords<String, Buffer> records) {
    List<OrderPlaced> placed = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, Buffer> record = records.recordAt(i);
      // Half of order_events is the order.updated this verticle wrote itself: passed over undecoded.
      if (EventRecords.mayBe(record, Events.ORDER_PLACED)) {
        decode(record).ifPresent(placed::add);
      }
    }
    return orders.confirm(placed).compose(confirmed -> Future.join(refreshCopies(confirmed), announce(confirmed))
        .mapEmpty());
  }

  private Optional<OrderPlaced> decode(KafkaConsumerRecord<String, Buffer> record) {
    try {
      EventEnvelope envelope = EventCodec.decode(record.value());
      return Events.ORDER_PLACED.matches(envelope) ? Optional.of(Events.ORDER_PLACED.read(envelope))
          : Optional.empty();
    } catch (EventDecodingException e) {
      LOG.error("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The buyers' copies say CONFIRMED from now on. A copy left PENDING (Redis refused the write) is
   * still right: readers of a PENDING copy ask Postgres, so the batch goes on without it.
   */
  private Future<Void> refreshCopies(List<JsonObject> confirmed) {
    return copies.refresh(confirmed).onFailure(e -> LOG.warn("{} order copies in Redis not refreshed: {}",
        confirmed.size(), e.getMessage())).otherwiseEmpty();
  }

  /**
   * {@code order.updated} for each of the batch's durable orders, then one direct notification for
   * those Kafka took. The records go to the producer's buffer on this thread, with no hop to a
   * worker per record ({@link NonBlockingProducer}); if the buffer is full the batch fails and is
   * read again, like any other failure. A batch read again announces again what an earlier attempt
   * wrote, since that attempt may have failed before announcing it all; the notification service
   * tells each (order, status) once.
   */
  private Future<Void> announce(List<JsonObject> durable) {
    List<Future<OrderUpdated>> sends = new ArrayList<>();
    for (JsonObject order : durable) {
      OrderUpdated updated = OrderUpdated.ofOrder(order);
      sends.add(producer.send(EventRecords.of(Events.ORDER_UPDATED, updated.dropId(), updated)).map(updated));
    }
    return Future.join(sends)
        .onComplete(done -> notifier.tell(sends.stream().filter(Future::succeeded).map(Future::result).toList()))
        .mapEmpty();
  }

  /** Finishes the batch in hand (its offsets get committed), then leaves the group. */
  @Override
  public Future<?> stop() {
    Future<Void> stopped = loop == null ? Future.succeededFuture() : loop.stop();
    return stopped.eventually(() -> producer.close());
  }
}
