package io.stampede.drops.schedule;

import java.time.Instant;

import io.stampede.contracts.events.DropChanged;
import io.stampede.contracts.events.Events;
import io.stampede.drops.store.DropRecord;
import io.stampede.drops.sync.OrdersInStep;
import io.stampede.platform.events.EventRecords;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the world about a drop's new state: the order service first, synchronously over gRPC (so
 * its counters are seeded and an ended drop is refused at once), then everyone else through
 * {@code drop_events} on Kafka. The scheduler syncs the order service itself, before its change is
 * committed ({@link OrdersInStep#sync}), so a drop that reads LIVE takes orders; it only announces here.
 */
public final class DropPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(DropPublisher.class);

  private final OrdersInStep orders;
  private final KafkaProducer<String, Buffer> producer;

  public DropPublisher(OrdersInStep orders, KafkaProducer<String, Buffer> producer) {
    this.orders = orders;
    this.producer = producer;
  }

  /**
   * Syncs the order service, then announces; for the changes the API makes, which are committed
   * already. A sync that did not get through is logged and the change announced all the same: the
   * drop stays behind in Postgres and the scheduler's next round syncs it again
   * ({@link OrdersInStep#catchUp}). None of these changes lets a drop sell meanwhile (a new drop is
   * read from Postgres when the order service first meets it, a cancelled one was never live, a
   * sold-out one has no stock left).
   */
  public Future<Void> publish(DropRecord drop) {
    return orders.syncCommitted(drop)
        .onFailure(e -> LOG.warn("{}; the scheduler will sync it again", e.getMessage()))
        .otherwiseEmpty()
        .compose(v -> announce(drop));
  }

  /** Puts the change on {@code drop_events}, for the notification service, webhooks and everyone else. */
  public Future<Void> announce(DropRecord drop) {
    DropChanged changed = new DropChanged(drop.id(), drop.creatorId(), drop.status(),
        Instant.parse(drop.drop().getString("startsAt")),
        drop.drop().getString("endsAt") == null ? null : Instant.parse(drop.drop().getString("endsAt")), drop.version());
    return producer.send(EventRecords.of(Events.DROP_CHANGED, drop.id(), changed)).mapEmpty();
  }
}
