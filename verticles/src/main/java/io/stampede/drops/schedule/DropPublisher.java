package io.stampede.drops.schedule;

import java.time.Instant;

import io.stampede.contracts.events.DropChanged;
import io.stampede.contracts.events.Events;
import io.stampede.drops.store.DropRecord;
import io.stampede.drops.sync.OrdersDropSync;
import io.stampede.platform.events.EventRecords;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the world about a drop's new state: the order service first, synchronously over gRPC (so
 * its counters are seeded and an ended drop is refused at once), then everyone else through
 * {@code drop_events} on Kafka.
 */
public final class DropPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(DropPublisher.class);

  private final OrdersDropSync orders;
  private final KafkaProducer<String, Buffer> producer;

  public DropPublisher(OrdersDropSync orders, KafkaProducer<String, Buffer> producer) {
    this.orders = orders;
    this.producer = producer;
  }

  public Future<Void> publish(DropRecord drop) {
    DropChanged changed = new DropChanged(drop.id(), drop.creatorId(), drop.status(),
        Instant.parse(drop.drop().getString("startsAt")),
        drop.drop().getString("endsAt") == null ? null : Instant.parse(drop.drop().getString("endsAt")), drop.version());
    Future<Void> synced = orders.push(drop.toState()).<Void>mapEmpty()
        .onFailure(e -> LOG.warn("drop {} ({}) could not be synced to the order service: {}", drop.id(), drop.status(),
            e.getMessage()));
    return synced.otherwiseEmpty()
        .compose(v -> producer.send(EventRecords.of(Events.DROP_CHANGED, drop.id(), changed)))
        .mapEmpty();
  }
}
