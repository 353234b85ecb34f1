package io.stampede.notifications.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.contracts.events.DropChanged;
import io.stampede.contracts.events.EventCodec;
import io.stampede.contracts.events.EventDecodingException;
import io.stampede.contracts.events.EventEnvelope;
import io.stampede.contracts.events.Events;
import io.stampede.contracts.events.InventoryChanged;
import io.stampede.contracts.events.NotificationRequested;
import io.stampede.contracts.events.OrderPlaced;
import io.stampede.contracts.events.OrderUpdated;
import io.stampede.contracts.events.Topics;
import io.stampede.notifications.deliver.DropAnnouncer;
import io.stampede.notifications.deliver.Notices;
import io.stampede.notifications.deliver.OnceOnly;
import io.stampede.notifications.deliver.OrderNotices;
import io.stampede.notifications.stock.StockCoalescer;
import io.stampede.platform.infra.KafkaBatchLoop;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code drop_events}, {@code order_events}, {@code inventory_changes} and
 * {@code notification_events} (consumer group {@code notifications}: each record is handled by one
 * member) and turns them into notices on the bus, which every gateway member relays to its own
 * sockets. Drop announcements of a batch run in order; everything else in parallel. A record older
 * than {@link #MAX_AGE} (a new group reading old history) moves stock but tells nobody.
 */
public class NotificationRelayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationRelayVerticle.class);
  public static final String GROUP = "notifications";
  static final Duration MAX_AGE = Duration.ofMinutes(10);

  private final String bootstrap;
  private final MeterRegistry meters;
  private final OnceOnly onceOnly;
  private final Notices notices;
  private final OrderNotices orders;
  private final DropAnnouncer drops;
  private final long stockIntervalMs;
  private StockCoalescer stock;
  private KafkaBatchLoop loop;

  public NotificationRelayVerticle(String bootstrap, MeterRegistry meters, OnceOnly onceOnly, Notices notices,
                                   OrderNotices orders, DropAnnouncer drops, long stockIntervalMs) {
    this.bootstrap = bootstrap;
    this.meters = meters;
    this.onceOnly = onceOnly;
    this.notices = notices;
    this.orders = orders;
    this.drops = drops;
    this.stockIntervalMs = stockIntervalMs;
  }

  @Override
  public Future<?> start() {
    stock = new StockCoalescer(vertx, notices, stockIntervalMs);
    stock.start();
    return KafkaBatchLoop.start(vertx, meters, bootstrap, GROUP, Set.of(Topics.DROP_EVENTS, Topics.ORDER_EVENTS,
            Topics.INVENTORY_CHANGES, Topics.NOTIFICATION_EVENTS), "relaying events to sockets and devices", this::relay)
        .onSuccess(started -> loop = started);
  }

  private Future<Void> relay(KafkaConsumerRecords<String, Buffer> records) {
    List<Future<?>> work = new ArrayList<>();
    Future<Void> announcements = Future.succeededFuture();
    Instant oldest = Instant.now().minus(MAX_AGE);
    for (int i = 0; i < records.size(); i++) {
      try {
        EventEnvelope e = EventCodec.decode(records.recordAt(i).value());
        boolean fresh = e.occurredAt().isAfter(oldest);
        if (Events.DROP_CHANGED.matches(e)) {
          DropChanged d = Events.DROP_CHANGED.read(e);
          if (!"LIVE".equals(d.status()) && !"SCHEDULED".equals(d.status())) {
            stock.forget(d.dropId());
          }
          if (fresh) {
            announcements = announcements.compose(v -> drops.announce(d));
          }
        } else {
          relayOther(e, fresh, work);
        }
      } catch (EventDecodingException bad) {
        LOG.error("skipping an unreadable event: {}", bad.getMessage());
      }
    }
    work.add(announcements);
    return Future.all(work).mapEmpty();
  }

  private void relayOther(EventEnvelope e, boolean fresh, List<Future<?>> work) {
    if (Events.ORDER_PLACED.matches(e)) {
      OrderPlaced p = Events.ORDER_PLACED.read(e);
      stock.changed(p.dropId(), p.productId());
      if (fresh) {
        work.add(orders.deliver(OrderUpdated.pending(p)));
      }
    } else if (Events.ORDER_UPDATED.matches(e)) {
      OrderUpdated u = Events.ORDER_UPDATED.read(e);
      if ("CANCELLED".equals(u.status())) {
        stock.changed(u.dropId(), u.productId());
      }
      if (fresh) {
        work.add(orders.deliver(u));
      }
    } else if (Events.INVENTORY_CHANGED.matches(e)) {
      InventoryChanged c = Events.INVENTORY_CHANGED.read(e);
      stock.changed(c.dropId(), c.productId());
    } else if (Events.NOTIFICATION_REQUESTED.matches(e) && fresh) {
      work.add(tell(Events.NOTIFICATION_REQUESTED.read(e)));
    }
  }

  private Future<Void> tell(NotificationRequested n) {
    return onceOnly.first("notification", n.notificationId(), 1).map(first -> {
      if (first) {
        notices.toUser(n.userId(), n.payload().copy().put("type", n.kind()));
      }
      return (Void) null;
    });
  }

  @Override
  public Future<?> stop() {
    if (stock != null) {
      stock.stop();
    }
    return loop == null ? Future.succeededFuture() : loop.stop();
  }
}
